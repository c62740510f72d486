import { useState } from 'react';
import type { SamplingRule } from '../../api/xray-types.ts';
import { ErrorBox } from '../../components/query-state.tsx';

/** The editable members of a rule, as the form holds them (text inputs, converted on submit). */
const TEXT_FIELDS = [
  { key: 'ServiceName', label: 'Service name', hint: '* and ? match any text / one character' },
  { key: 'ServiceType', label: 'Service type (origin)', hint: 'e.g. AWS::EC2::Instance, or *' },
  { key: 'Host', label: 'Host', hint: '' },
  { key: 'HTTPMethod', label: 'HTTP method', hint: '' },
  { key: 'URLPath', label: 'URL path', hint: '' },
  { key: 'ResourceARN', label: 'Resource ARN', hint: 'SDKs use only rules with *' },
] as const;

export const NEW_RULE: SamplingRule = {
  RuleName: '',
  ResourceARN: '*',
  Priority: 1000,
  FixedRate: 0.05,
  ReservoirSize: 1,
  ServiceName: '*',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: '*',
  URLPath: '*',
  Version: 1,
};

/** What is wrong with a rule before the server is asked, in X-Ray's limits; undefined when nothing. */
export function ruleProblem(rule: SamplingRule): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(rule.RuleName)) return 'The name must be 1 to 32 letters, digits, _ or -.';
  if (!Number.isInteger(rule.Priority) || rule.Priority < 1 || rule.Priority > 9999)
    return 'Priority must be a whole number from 1 to 9999.';
  if (!(rule.FixedRate >= 0 && rule.FixedRate <= 1)) return 'The fixed rate must be between 0 and 1 (0.05 is 5 %).';
  if (!Number.isInteger(rule.ReservoirSize) || rule.ReservoirSize < 0)
    return 'The reservoir is a whole number of requests per second, 0 or more.';
  return undefined;
}

export interface SamplingRuleFormProps {
  readonly title: string;
  readonly initial: SamplingRule;
  /** Editing: the name cannot change (X-Ray addresses a rule by it). The Default rule only takes rates. */
  readonly editing: boolean;
  readonly busy: boolean;
  readonly error: unknown;
  readonly onSubmit: (rule: SamplingRule) => void;
  readonly onCancel?: () => void;
}

export function SamplingRuleForm(props: SamplingRuleFormProps) {
  const [rule, setRule] = useState<SamplingRule>(props.initial);
  const problem = ruleProblem(rule);
  const isDefault = props.editing && rule.RuleName === 'Default';
  const set = (change: Partial<SamplingRule>) => setRule({ ...rule, ...change });
  return (
    <form
      className="card form rule-form"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) props.onSubmit(rule);
      }}
    >
      <h2>{props.title}</h2>
      <div className="field-grid">
        <label className="field">
          Rule name
          <input value={rule.RuleName} disabled={props.editing} onChange={(e) => set({ RuleName: e.target.value })} />
        </label>
        <label className="field">
          Priority (1 is matched first)
          <input
            type="number"
            min={1}
            max={9999}
            value={rule.Priority}
            disabled={isDefault}
            onChange={(e) => set({ Priority: Number(e.target.value) })}
          />
        </label>
        <label className="field">
          Reservoir (traces per second)
          <input
            type="number"
            min={0}
            value={rule.ReservoirSize}
            onChange={(e) => set({ ReservoirSize: Number(e.target.value) })}
          />
        </label>
        <label className="field">
          Fixed rate (0–1, after the reservoir)
          <input
            type="number"
            min={0}
            max={1}
            step={0.01}
            value={rule.FixedRate}
            onChange={(e) => set({ FixedRate: Number(e.target.value) })}
          />
        </label>
        {TEXT_FIELDS.map((f) => (
          <label key={f.key} className="field">
            {f.label}
            {f.hint && <span className="muted"> ({f.hint})</span>}
            <input value={rule[f.key]} disabled={isDefault} onChange={(e) => set({ [f.key]: e.target.value })} />
          </label>
        ))}
      </div>
      {problem && rule.RuleName !== '' && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      {props.error ? <ErrorBox error={props.error} what="the sampling rule" /> : null}
      <div className="form-actions">
        <button type="submit" disabled={props.busy || problem !== undefined}>
          {props.editing ? 'Save rule' : 'Create rule'}
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
