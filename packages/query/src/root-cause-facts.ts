/**
 * Root causes in the filter evaluator's form (`@roentgen/filter` `RootCauseFacts`): the content of a
 * summary's `RootCause`, with the evaluator's camel-case names.
 */
import type {
  RootCauseEntityFacts,
  RootCauseExceptionFacts,
  RootCauseFacts,
  RootCauseServiceFacts,
} from '@roentgen/filter';
import type { RootCause, RootCauseEntity, RootCauseException, RootCauseService } from './trace-summary-shapes.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Optional members are set one by one, in the order the facts have always listed them (JSON text
// follows it), rather than spread in from throwaway objects: every trace has a response-time cause.

/** The evaluator's form of `cause`. `names` arrays are shared with `cause`. */
export function rootCauseFacts(cause: RootCause): RootCauseFacts {
  return { clientImpacting: cause.ClientImpacting, services: cause.Services.map(serviceFacts) };
}

function serviceFacts(service: RootCauseService): RootCauseServiceFacts {
  // `entityPath` is required but comes last, after the optional members.
  const facts: Partial<Mutable<RootCauseServiceFacts>> = { name: service.Name, names: service.Names };
  if (service.Type !== undefined) facts.type = service.Type;
  if (service.AccountId !== undefined) facts.accountId = service.AccountId;
  facts.inferred = service.Inferred;
  facts.entityPath = service.EntityPath.map(entityFacts);
  return facts as RootCauseServiceFacts;
}

function entityFacts(entity: RootCauseEntity): RootCauseEntityFacts {
  const facts: Mutable<RootCauseEntityFacts> = { name: entity.Name, remote: entity.Remote };
  if (entity.Coverage !== undefined) facts.coverage = entity.Coverage;
  if (entity.Exceptions !== undefined) facts.exceptions = entity.Exceptions.map(exceptionFacts);
  return facts;
}

function exceptionFacts(exception: RootCauseException): RootCauseExceptionFacts {
  const facts: Mutable<RootCauseExceptionFacts> = { name: exception.Name };
  if (exception.Message !== undefined) facts.message = exception.Message;
  return facts;
}
