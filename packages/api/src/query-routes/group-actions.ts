/**
 * The group actions (reference §4.5.10): CreateGroup, GetGroup, GetGroups, UpdateGroup, DeleteGroup,
 * each answering with the `Group` wrapped as the API model says (§9 item 23).
 */
import type { GroupChanges, GroupRef, GroupRegistry } from '@roentgen/query';
import { invalidRequest } from '../errors/api-error.ts';
import type { PageTokens } from '../actions/page-token.ts';
import { describe, optionalBoolean, optionalString } from '../http/input-members.ts';
import { withQueryErrors } from './query-errors.ts';

/** Groups per GetGroups page. */
export const GROUPS_PER_PAGE = 50;

type Action = (input: Record<string, unknown>) => Promise<object>;

export function createGroupAction(groups: GroupRegistry): Action {
  return (input) =>
    withQueryErrors(async () => {
      const name = optionalString(input, 'GroupName');
      if (name === undefined) throw invalidRequest('GroupName is required.');
      return { Group: await groups.create(name, changesOf(input)) };
    });
}

export function getGroupAction(groups: GroupRegistry): Action {
  return (input) => withQueryErrors(async () => ({ Group: await groups.get(refOf(input)) }));
}

export function updateGroupAction(groups: GroupRegistry): Action {
  return (input) => withQueryErrors(async () => ({ Group: await groups.update(refOf(input), changesOf(input)) }));
}

export function deleteGroupAction(groups: GroupRegistry): Action {
  return (input) =>
    withQueryErrors(async () => {
      await groups.delete(refOf(input));
      return {};
    });
}

export function getGroupsAction(groups: GroupRegistry, tokens: PageTokens): Action {
  return (input) =>
    withQueryErrors(async () => {
      const token = optionalString(input, 'NextToken');
      const offset = token === undefined ? 0 : tokens.read<{ offset: unknown }>('Groups', token).offset;
      if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
        throw invalidRequest('NextToken is not valid for this request.');
      }
      const all = await groups.list();
      const next = offset + GROUPS_PER_PAGE;
      return {
        Groups: all.slice(offset, next),
        ...(next < all.length ? { NextToken: tokens.issue('Groups', { offset: next }) } : {}),
      };
    });
}

function refOf(input: Record<string, unknown>): GroupRef {
  const name = optionalString(input, 'GroupName');
  const arn = optionalString(input, 'GroupARN');
  return { ...(name === undefined ? {} : { name }), ...(arn === undefined ? {} : { arn }) };
}

function changesOf(input: Record<string, unknown>): GroupChanges {
  const filterExpression = optionalString(input, 'FilterExpression');
  const raw = input['InsightsConfiguration'];
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw invalidRequest(`InsightsConfiguration must be an object, got ${describe(raw)}.`);
  }
  const insights = (raw ?? {}) as Record<string, unknown>;
  const insightsEnabled = optionalBoolean(insights, 'InsightsEnabled');
  const notificationsEnabled = optionalBoolean(insights, 'NotificationsEnabled');
  return {
    ...(filterExpression === undefined ? {} : { filterExpression }),
    ...(insightsEnabled === undefined ? {} : { insightsEnabled }),
    ...(notificationsEnabled === undefined ? {} : { notificationsEnabled }),
  };
}
