import type {
  CallFacts,
  RootCauseEntityFacts,
  RootCauseExceptionFacts,
  RootCauseServiceFacts,
  ServiceFacts,
  EdgeFacts,
  TraceFacts,
} from './trace-facts.ts';

/**
 * What a simple keyword is evaluated against: the whole trace at the top level, one service segment
 * inside `service(){}`, one call inside `edge(){}`, one root-cause element inside `rootcause.*{}`.
 * List elements know their position for `index`, `first` and `last`.
 */
export type Subject =
  | { readonly scope: 'trace'; readonly facts: TraceFacts }
  | { readonly scope: 'service'; readonly service: ServiceFacts }
  | { readonly scope: 'edge'; readonly edge: EdgeFacts }
  | ListSubject<'rc-service', RootCauseServiceFacts>
  | ListSubject<'rc-entity', RootCauseEntityFacts>
  | ListSubject<'rc-exception', RootCauseExceptionFacts>;

interface ListSubject<S extends string, T> {
  readonly scope: S;
  readonly item: T;
  readonly index: number;
  readonly count: number;
}

/** A keyword's value(s) in a subject; empty when not recorded. Several values mean "any of them". */
export type KeywordValues = readonly (string | number | boolean)[];

/** The values of keyword `name` (lower case, already checked to be valid in the subject's scope). */
export function keywordValues(name: string, subject: Subject): KeywordValues {
  switch (subject.scope) {
    case 'trace':
      return traceValues(name, subject.facts);
    case 'service':
      if (name === 'root') return [subject.service.root ?? false];
      return callValues(name, subject.service);
    case 'edge':
      return callValues(name, subject.edge);
    case 'rc-service':
    case 'rc-entity':
    case 'rc-exception':
      return listValues(name, subject);
  }
}

function traceValues(name: string, facts: TraceFacts): KeywordValues {
  switch (name) {
    case 'partial':
      return [facts.partial ?? false];
    case 'inferred':
      return [facts.inferred ?? false];
    case 'duration':
      return present(facts.duration);
    case 'user':
      return facts.users ?? [];
    case 'availabilityzone':
      return facts.availabilityZones ?? [];
    case 'instance.id':
      return facts.instanceIds ?? [];
    case 'resource.arn':
      return facts.resourceArns ?? [];
    default:
      return callValues(name, facts);
  }
}

function callValues(name: string, call: CallFacts): KeywordValues {
  switch (name) {
    case 'ok':
      return [isOk(call)];
    case 'error':
      return [call.error ?? false];
    case 'fault':
      return [call.fault ?? false];
    case 'throttle':
      return [call.throttle ?? false];
    case 'responsetime':
      return present(call.responseTime);
    case 'http.status':
      return present(call.http?.status);
    case 'http.url':
      return present(call.http?.url);
    case 'http.method':
      return present(call.http?.method);
    case 'http.useragent':
      return present(call.http?.userAgent);
    case 'http.clientip':
      return present(call.http?.clientIp);
    default:
      return [];
  }
}

function listValues(name: string, subject: Exclude<Subject, { scope: 'trace' | 'service' | 'edge' }>): KeywordValues {
  if (name === 'index') return [subject.index];
  if (name === 'first') return [subject.index === 0];
  if (name === 'last') return [subject.index === subject.count - 1];
  if (name === 'name') return [subject.item.name];
  switch (subject.scope) {
    case 'rc-service':
      if (name === 'type') return present(subject.item.type);
      return name === 'inferred' ? [subject.item.inferred ?? false] : [];
    case 'rc-entity':
      if (name === 'coverage') return present(subject.item.coverage);
      return name === 'remote' ? [subject.item.remote ?? false] : [];
    case 'rc-exception':
      return name === 'message' ? present(subject.item.message) : [];
  }
}

/**
 * `ok`: no fault, error or throttle, and a 2XX status when a status is recorded. A trace with no
 * status and no flags is ok, as X-Ray counts a segment without an error flag as a success.
 */
export function isOk(call: CallFacts): boolean {
  const status = call.http?.status;
  const statusOk = status === undefined || (status >= 200 && status < 300);
  return !call.fault && !call.error && !call.throttle && statusOk;
}

function present<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
