import { useState } from 'react';
import { tryParseFilterExpression } from '@roentgen/filter';
import { useGroups, useXRayMutation } from '../../api/queries.ts';
import type { Group } from '../../api/xray-types.ts';
import { ErrorBox, Loading } from '../../components/query-state.tsx';
import { Link } from '../../routing/link.tsx';
import { mapHref } from '../map/url.ts';
import { tracesHref } from '../traces/url.ts';

/** Why a group's filter cannot be saved, with the caret text; undefined when it can. */
function filterProblem(text: string): string | undefined {
  if (!text.trim()) return undefined;
  const result = tryParseFilterExpression(text);
  return result.ok ? undefined : result.error.format();
}

/** Groups: named filter expressions that scope the map and the trace search. List, create, edit, delete. */
export function GroupsPage() {
  const groups = useGroups();
  const create = useXRayMutation<{ GroupName: string; FilterExpression?: string }>('/CreateGroup', 'Groups');
  const update = useXRayMutation<{ GroupName: string; FilterExpression: string }>('/UpdateGroup', 'Groups');
  const remove = useXRayMutation<{ GroupName: string }>('/DeleteGroup', 'Groups');
  const [editing, setEditing] = useState<string | undefined>();
  // A new key empties the create form after a success.
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="page groups-page">
      <div className="toolbar">
        <h1>Groups</h1>
      </div>
      <p className="muted">
        A group is a filter expression with a name. Traces are matched to groups as they arrive; choose a group on the
        service map to see only its traces.
      </p>
      <GroupForm
        key={formKey}
        title="Create a group"
        submitLabel="Create group"
        busy={create.isPending}
        error={create.error}
        onSubmit={(name, filter) =>
          create.mutate(
            { GroupName: name, ...(filter ? { FilterExpression: filter } : {}) },
            { onSuccess: () => setFormKey((k) => k + 1) },
          )
        }
      />
      {groups.isPending && <Loading what="groups" />}
      {groups.isError && <ErrorBox error={groups.error} what="groups" />}
      {remove.isError && <ErrorBox error={remove.error} what="the deletion" />}
      {groups.data && (
        <table className="list-table">
          <caption>{groups.data.length} groups</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Filter expression</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {groups.data.map((g) =>
              editing === g.GroupName ? (
                <tr key={g.GroupName}>
                  <td colSpan={3}>
                    <GroupForm
                      title={`Edit ${g.GroupName}`}
                      submitLabel="Save"
                      fixedName={g.GroupName}
                      initialFilter={g.FilterExpression ?? ''}
                      busy={update.isPending}
                      error={update.error}
                      onSubmit={(name, filter) =>
                        update.mutate(
                          { GroupName: name, FilterExpression: filter },
                          { onSuccess: () => setEditing(undefined) },
                        )
                      }
                      onCancel={() => setEditing(undefined)}
                    />
                  </td>
                </tr>
              ) : (
                <GroupRow
                  key={g.GroupName}
                  group={g}
                  onEdit={() => setEditing(g.GroupName)}
                  onDelete={() => {
                    if (window.confirm(`Delete the group ${g.GroupName}?`)) remove.mutate({ GroupName: g.GroupName });
                  }}
                />
              ),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}

function GroupRow({ group, onEdit, onDelete }: { group: Group; onEdit: () => void; onDelete: () => void }) {
  const builtIn = group.GroupName === 'Default';
  return (
    <tr data-group={group.GroupName}>
      <td>{group.GroupName}</td>
      <td className="mono">{group.FilterExpression ?? <span className="muted">(every trace)</span>}</td>
      <td className="actions">
        <Link href={mapHref({ group: builtIn ? undefined : group.GroupName })}>Map</Link>
        {group.FilterExpression && <Link href={tracesHref({ filter: group.FilterExpression })}>Traces</Link>}
        {!builtIn && (
          <>
            <button type="button" onClick={onEdit} aria-label={`Edit group ${group.GroupName}`}>
              Edit
            </button>
            <button type="button" className="danger" onClick={onDelete} aria-label={`Delete group ${group.GroupName}`}>
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

interface GroupFormProps {
  readonly title: string;
  readonly submitLabel: string;
  readonly fixedName?: string;
  readonly initialFilter?: string;
  readonly busy: boolean;
  readonly error: unknown;
  readonly onSubmit: (name: string, filter: string) => void;
  readonly onCancel?: () => void;
}

function GroupForm(props: GroupFormProps) {
  const [name, setName] = useState(props.fixedName ?? '');
  const [filter, setFilter] = useState(props.initialFilter ?? '');
  const problem = filterProblem(filter);
  const nameOk = /^[A-Za-z0-9-]{1,32}$/.test(name);
  return (
    <form
      className="card form"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        if (nameOk && !problem) props.onSubmit(name, filter.trim());
      }}
    >
      <h2>{props.title}</h2>
      {props.fixedName === undefined && (
        <label className="field">
          Name (letters, digits and -, up to 32)
          <input value={name} onChange={(e) => setName(e.target.value)} required pattern={'[A-Za-z0-9\\-]{1,32}'} />
        </label>
      )}
      <label className="field">
        Filter expression
        <textarea
          className="mono"
          rows={2}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          spellCheck={false}
        />
      </label>
      {problem && (
        <pre className="filter-error" role="alert">
          {problem}
        </pre>
      )}
      {props.error ? <ErrorBox error={props.error} what="the group" /> : null}
      <div className="form-actions">
        <button type="submit" disabled={props.busy || !nameOk || problem !== undefined}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
