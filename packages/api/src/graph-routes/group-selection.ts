/**
 * `GroupName` / `GroupARN` of the graph actions (reference §4.5.4, §4.5.6): which group a request
 * names, and whether it is the `Default` group (every trace), whose graph the stored statistics
 * already hold. Other groups are computed from the traces that meet their filter expression.
 */
import type { Group, GroupRegistry } from '@roentgen/query';
import { DEFAULT_GROUP_NAME } from '@roentgen/query';
import { invalidRequest } from '../errors/api-error.ts';
import { optionalString } from '../http/input-members.ts';

/**
 * The group the request names, or `undefined` for none or for a `Default` group (no expression):
 * both mean every trace. An unknown group is a `QueryInputError('not-found')` from the registry.
 */
export async function selectedGroup(input: Record<string, unknown>, groups: GroupRegistry): Promise<Group | undefined> {
  const name = optionalString(input, 'GroupName');
  const arn = optionalString(input, 'GroupARN');
  if (name === undefined && arn === undefined) return undefined;
  if (name !== undefined && (name.length < 1 || name.length > 32)) {
    throw invalidRequest(`GroupName must be 1 to 32 characters long, got ${name.length}.`);
  }
  if (arn !== undefined && (arn.length < 1 || arn.length > 400)) {
    throw invalidRequest(`GroupARN must be 1 to 400 characters long, got ${arn.length}.`);
  }
  const group = await groups.get({ ...(name === undefined ? {} : { name }), ...(arn === undefined ? {} : { arn }) });
  const everyTrace =
    group.GroupName === DEFAULT_GROUP_NAME ||
    group.FilterExpression === undefined ||
    group.FilterExpression.trim() === '';
  return everyTrace ? undefined : group;
}
