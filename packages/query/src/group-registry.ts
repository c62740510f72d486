/**
 * X-Ray groups (reference §4.5.10, §9 items 23-24): named filter expressions kept durably as config
 * records of kind `group`. The `Default` group (no expression, all traces) always exists and can be
 * neither created, changed nor deleted. Names are 1..32 letters, digits and `-`, case-sensitive.
 */
import { randomBytes } from 'node:crypto';
import type { GroupFacts } from '@roentgen/filter';
import type { TraceStore } from '@roentgen/storage';
import { parseFilterOrThrow } from './find-trace-summaries.ts';
import { QueryInputError } from './query-input-error.ts';

/** X-Ray's `Group` / `GroupSummary`, as stored and returned. */
export interface Group {
  GroupName: string;
  GroupARN: string;
  /** Absent for a group that matches every trace (the `Default` group). */
  FilterExpression?: string;
  InsightsConfiguration: { InsightsEnabled: boolean; NotificationsEnabled: boolean };
}

/** How a request names a group: by `GroupName` or by `GroupARN` (at least one). */
export interface GroupRef {
  readonly name?: string;
  readonly arn?: string;
}

export interface GroupChanges {
  readonly filterExpression?: string;
  readonly insightsEnabled?: boolean;
  readonly notificationsEnabled?: boolean;
}

export const DEFAULT_GROUP_NAME = 'Default';
const NAME_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

/** See the module comment. `region` and `accountId` only shape the ARNs. */
export class GroupRegistry {
  constructor(
    private readonly store: TraceStore,
    private readonly arnPrefix: { region: string; accountId: string } = {
      region: 'us-east-1',
      accountId: '000000000000',
    },
  ) {}

  /** Every group, `Default` first, then by name. */
  async list(): Promise<Group[]> {
    const records = await this.store.listConfig('group');
    return [this.defaultGroup(), ...records.map((r) => JSON.parse(r.body) as Group)];
  }

  /** The groups as the filter evaluator knows them. */
  async facts(): Promise<GroupFacts[]> {
    return (await this.list()).map((g) => ({
      name: g.GroupName,
      arn: g.GroupARN,
      ...(g.FilterExpression === undefined ? {} : { filterExpression: g.FilterExpression }),
    }));
  }

  /** The named group; `QueryInputError('not-found')` when there is none. */
  async get(ref: GroupRef): Promise<Group> {
    if (ref.name === undefined && ref.arn === undefined) {
      throw new QueryInputError('invalid', 'GroupName or GroupARN is required.');
    }
    const groups = await this.list();
    const found = groups.find(
      (g) => (ref.name === undefined || g.GroupName === ref.name) && (ref.arn === undefined || g.GroupARN === ref.arn),
    );
    if (!found) {
      const label = ref.name ?? ref.arn ?? '';
      throw new QueryInputError('not-found', `Group ${label} does not exist.`, label);
    }
    return found;
  }

  async create(name: string, changes: GroupChanges): Promise<Group> {
    if (!NAME_PATTERN.test(name)) {
      throw new QueryInputError(
        'invalid',
        `GroupName must be 1 to 32 letters, digits or '-', got ${JSON.stringify(name)}.`,
      );
    }
    if ((await this.list()).some((g) => g.GroupName === name)) {
      throw new QueryInputError('invalid', `Group ${name} already exists.`);
    }
    const unique = randomBytes(15).toString('base64url').toUpperCase().replace(/[-_]/g, 'X');
    const group = this.apply(
      { GroupName: name, GroupARN: this.arn(`${name}/${unique}`), InsightsConfiguration: insights(false, false) },
      changes,
    );
    await this.save(group);
    return group;
  }

  async update(ref: GroupRef, changes: GroupChanges): Promise<Group> {
    const current = await this.get(ref);
    refuseDefault(current, 'changed');
    const group = this.apply(current, changes);
    await this.save(group);
    return group;
  }

  async delete(ref: GroupRef): Promise<void> {
    const current = await this.get(ref);
    refuseDefault(current, 'deleted');
    await this.store.deleteConfig('group', current.GroupName);
  }

  private apply(group: Group, changes: GroupChanges): Group {
    const next: Group = { ...group, InsightsConfiguration: { ...group.InsightsConfiguration } };
    if (changes.filterExpression !== undefined) {
      // Checked once here, so that evaluation never meets an invalid stored expression.
      if (changes.filterExpression.trim() === '') delete next.FilterExpression;
      else {
        parseFilterOrThrow(changes.filterExpression);
        next.FilterExpression = changes.filterExpression;
      }
    }
    if (changes.insightsEnabled !== undefined) next.InsightsConfiguration.InsightsEnabled = changes.insightsEnabled;
    if (changes.notificationsEnabled !== undefined) {
      next.InsightsConfiguration.NotificationsEnabled = changes.notificationsEnabled;
    }
    if (next.InsightsConfiguration.NotificationsEnabled && !next.InsightsConfiguration.InsightsEnabled) {
      throw new QueryInputError('invalid', 'NotificationsEnabled requires InsightsEnabled.');
    }
    return next;
  }

  private async save(group: Group): Promise<void> {
    await this.store.putConfig({
      kind: 'group',
      name: group.GroupName,
      body: JSON.stringify(group),
      modifiedAt: Date.now() / 1000,
    });
  }

  private defaultGroup(): Group {
    return {
      GroupName: DEFAULT_GROUP_NAME,
      GroupARN: this.arn(DEFAULT_GROUP_NAME),
      InsightsConfiguration: insights(false, false),
    };
  }

  private arn(path: string): string {
    return `arn:aws:xray:${this.arnPrefix.region}:${this.arnPrefix.accountId}:group/${path}`;
  }
}

function insights(enabled: boolean, notifications: boolean): Group['InsightsConfiguration'] {
  return { InsightsEnabled: enabled, NotificationsEnabled: notifications };
}

function refuseDefault(group: Group, what: string): void {
  if (group.GroupName === DEFAULT_GROUP_NAME) {
    throw new QueryInputError('invalid', `The Default group always exists and cannot be ${what}.`);
  }
}
