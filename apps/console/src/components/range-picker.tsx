import { RELATIVE_RANGES, formatInstant, resolveRange } from '../time/time-range.ts';

/** A labelled select of the relative ranges; an absolute range from a shared link is shown as such. */
export function RangePicker({ value, onChange }: { value: string; onChange: (spec: string) => void }) {
  const known = RELATIVE_RANGES.some((r) => r.spec === value);
  const window = resolveRange(value);
  return (
    <label className="control">
      Time range
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {!known && <option value={value}>{`${formatInstant(window.start)} – ${formatInstant(window.end)}`}</option>}
        {RELATIVE_RANGES.map((r) => (
          <option key={r.spec} value={r.spec}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const REFRESH_CHOICES = [0, 10, 30, 60];

/** Auto-refresh period; 0 turns it off. */
export function RefreshPicker({ value, onChange }: { value: number; onChange: (seconds: number) => void }) {
  return (
    <label className="control">
      Auto-refresh
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {REFRESH_CHOICES.map((s) => (
          <option key={s} value={s}>
            {s === 0 ? 'Off' : `Every ${s} s`}
          </option>
        ))}
      </select>
    </label>
  );
}
