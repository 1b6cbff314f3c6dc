export interface FilterSelectProps {
  /** The text above the select. */
  readonly label: string;
  readonly testId: string;
  readonly value: string;
  /** Values shown as they are, or `[value, text]` pairs. */
  readonly options: readonly (string | number | readonly [string, string])[];
  /** Text of the choice with the empty value (no filter), first in the list; none when omitted. */
  readonly anyLabel?: string;
  onChange(value: string): void;
}

/** A labelled select of a page's filter bar (`.field`), its value kept by the page (usually in the URL). */
export function FilterSelect({ label, testId, value, options, anyLabel, onChange }: FilterSelectProps) {
  return (
    <label className="field">
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => {
          const [optionValue, text] = typeof option === 'object' ? option : [String(option), String(option)];
          return (
            <option key={optionValue} value={optionValue}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}
