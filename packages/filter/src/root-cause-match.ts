import type { JsonValue, RootCauseKind, RootCauseLevel } from './ast.ts';
import type { Subject } from './keyword-values.ts';
import type { RootCauseFacts, RootCauseServiceFacts, TraceFacts } from './trace-facts.ts';

/**
 * The elements a `rootcause.KIND.LEVEL {…}` sub-filter is tried against, each with its position in
 * its own list: services within one root cause, entities within one service's entity path,
 * exceptions within one entity. Positions are 0-based.
 */
export function rootCauseSubjects(facts: TraceFacts, cause: RootCauseKind, level: RootCauseLevel): Subject[] {
  const lists = facts.rootCauses ?? {};
  const causes = (cause === 'responsetime' ? lists.responseTime : lists[cause]) ?? [];
  const subjects: Subject[] = [];
  for (const rootCause of causes) {
    rootCause.services.forEach((service, index, all) => {
      if (level === 'service') subjects.push({ scope: 'rc-service', item: service, index, count: all.length });
      service.entityPath.forEach((entity, entityIndex, path) => {
        if (level === 'entity')
          subjects.push({ scope: 'rc-entity', item: entity, index: entityIndex, count: path.length });
        if (level !== 'exception') return;
        (entity.exceptions ?? []).forEach((exception, exceptionIndex, exceptions) => {
          subjects.push({ scope: 'rc-exception', item: exception, index: exceptionIndex, count: exceptions.length });
        });
      });
    });
  }
  return subjects;
}

/**
 * `rootcause.json = #[…]`: every pattern element matches at least one root cause of the trace (fault,
 * error or response time), written in the API's shape (`Services`, `Name`, `EntityPath`, …). An
 * object pattern constrains only the fields it names; arrays must match element by element, in order
 * and in length; other values must be equal.
 */
export function matchesRootCauseJson(facts: TraceFacts, pattern: readonly JsonValue[]): boolean {
  const lists = facts.rootCauses ?? {};
  const all = [...(lists.fault ?? []), ...(lists.error ?? []), ...(lists.responseTime ?? [])].map(toApiShape);
  return pattern.every((element) => all.some((rootCause) => matchesJson(element, rootCause)));
}

function matchesJson(pattern: JsonValue, value: JsonValue | undefined): boolean {
  if (pattern === null || typeof pattern !== 'object') return pattern === value;
  if (value === null || value === undefined || typeof value !== 'object') return false;
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value) || value.length !== pattern.length) return false;
    return pattern.every((element: JsonValue, i) => matchesJson(element, (value as readonly JsonValue[])[i]));
  }
  if (Array.isArray(value)) return false;
  const object = value as { readonly [key: string]: JsonValue };
  return Object.entries(pattern).every(([key, expected]) => matchesJson(expected, object[key]));
}

function toApiShape(rootCause: RootCauseFacts): JsonValue {
  return {
    Services: rootCause.services.map(serviceToApiShape),
    ...(rootCause.clientImpacting === undefined ? {} : { ClientImpacting: rootCause.clientImpacting }),
  };
}

function serviceToApiShape(service: RootCauseServiceFacts): JsonValue {
  return withoutUndefined({
    Name: service.name,
    Names: service.names ?? [service.name],
    Type: service.type,
    AccountId: service.accountId,
    Inferred: service.inferred ?? false,
    EntityPath: service.entityPath.map((entity) =>
      withoutUndefined({
        Name: entity.name,
        Remote: entity.remote ?? false,
        Coverage: entity.coverage,
        Exceptions: entity.exceptions?.map((e) => withoutUndefined({ Name: e.name, Message: e.message })),
      }),
    ),
  });
}

function withoutUndefined(object: Record<string, JsonValue | undefined>): JsonValue {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as JsonValue;
}
