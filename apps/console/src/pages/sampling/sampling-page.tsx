import { useState } from 'react';
import { useSamplingRules, useXRayMutation } from '../../api/queries.ts';
import type { SamplingRule } from '../../api/xray-types.ts';
import { ErrorBox, Loading } from '../../components/query-state.tsx';
import { formatInstant } from '../../time/time-range.ts';
import { NEW_RULE, SamplingRuleForm } from './sampling-rule-form.tsx';

/** The members UpdateSamplingRule takes (everything but the version, which must stay 1). */
function updateOf(rule: SamplingRule) {
  const { Version: _version, RuleARN: _arn, ...update } = rule;
  return { SamplingRuleUpdate: update };
}

/** Sampling rules, in the order SDKs evaluate them (priority, then name). List, create, edit, delete. */
export function SamplingPage() {
  const rules = useSamplingRules();
  const create = useXRayMutation<{ SamplingRule: SamplingRule }>('/CreateSamplingRule', 'SamplingRules');
  const update = useXRayMutation<ReturnType<typeof updateOf>>('/UpdateSamplingRule', 'SamplingRules');
  const remove = useXRayMutation<{ RuleName: string }>('/DeleteSamplingRule', 'SamplingRules');
  const [editing, setEditing] = useState<string | undefined>();
  const [formKey, setFormKey] = useState(0);
  const sorted = [...(rules.data ?? [])].sort(
    (a, b) =>
      a.SamplingRule.Priority - b.SamplingRule.Priority ||
      a.SamplingRule.RuleName.localeCompare(b.SamplingRule.RuleName),
  );
  const editedRule = sorted.find((r) => r.SamplingRule.RuleName === editing)?.SamplingRule;

  return (
    <div className="page sampling-page">
      <div className="toolbar">
        <h1>Sampling rules</h1>
      </div>
      <p className="muted">
        SDKs poll these rules and trace the first matching rule&apos;s reservoir each second plus its fixed rate of the
        rest. The Default rule always exists; only its rates can change.
      </p>
      {rules.isPending && <Loading what="sampling rules" />}
      {rules.isError && <ErrorBox error={rules.error} what="sampling rules" />}
      {remove.isError && <ErrorBox error={remove.error} what="the deletion" />}
      {rules.data && (
        <table className="list-table">
          <caption>{sorted.length} rules</caption>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Name</th>
              <th scope="col">Service · type · host · method · path</th>
              <th scope="col" className="num">
                Reservoir
              </th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col">Modified</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map(({ SamplingRule: r, ModifiedAt }) => (
              <tr key={r.RuleName} data-rule={r.RuleName}>
                <td className="num">{r.Priority}</td>
                <td>{r.RuleName}</td>
                <td className="mono">{[r.ServiceName, r.ServiceType, r.Host, r.HTTPMethod, r.URLPath].join(' · ')}</td>
                <td className="num">{r.ReservoirSize}/s</td>
                <td className="num">{Math.round(r.FixedRate * 1000) / 10} %</td>
                <td>{ModifiedAt ? formatInstant(ModifiedAt) : '–'}</td>
                <td className="actions">
                  <button type="button" onClick={() => setEditing(r.RuleName)} aria-label={`Edit rule ${r.RuleName}`}>
                    Edit
                  </button>
                  {r.RuleName !== 'Default' && (
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Delete rule ${r.RuleName}`}
                      onClick={() => {
                        if (window.confirm(`Delete the sampling rule ${r.RuleName}?`))
                          remove.mutate({ RuleName: r.RuleName });
                      }}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editedRule && (
        <SamplingRuleForm
          key={`edit-${editedRule.RuleName}`}
          title={`Edit ${editedRule.RuleName}`}
          initial={editedRule}
          editing
          busy={update.isPending}
          error={update.error}
          onSubmit={(rule) => update.mutate(updateOf(rule), { onSuccess: () => setEditing(undefined) })}
          onCancel={() => setEditing(undefined)}
        />
      )}
      <SamplingRuleForm
        key={formKey}
        title="Create a sampling rule"
        initial={NEW_RULE}
        editing={false}
        busy={create.isPending}
        error={create.error}
        onSubmit={(rule) => create.mutate({ SamplingRule: rule }, { onSuccess: () => setFormKey((k) => k + 1) })}
      />
    </div>
  );
}
