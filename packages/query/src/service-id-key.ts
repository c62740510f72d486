/**
 * A map key for a node identity, for the places that list each node once (summary `ServiceIds`,
 * the nodes that carried an annotation or a user).
 */
import type { ServiceId } from './trace-summary-shapes.ts';

/**
 * A text that names `node` by (`Name`, `Type`, `AccountId`): equal identities give equal texts and
 * different ones different texts, since each part is length-prefixed and an absent part is `~`
 * (so an absent type and an empty one stay apart). Cheaper than `JSON.stringify` of the triple,
 * which the summary of every trace used to pay per segment.
 */
export function serviceIdKey(node: ServiceId): string {
  return `${node.Name.length}:${node.Name}${part(node.Type)}${part(node.AccountId)}`;
}

function part(value: string | undefined): string {
  return value === undefined ? '~' : `${value.length}:${value}`;
}
