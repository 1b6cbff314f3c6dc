import type { ApiErrorDetail } from '../../api/api-error';

/** A form field's problems, as the API (or the form's own parsing) named them: one line each, next to the field. */
export function FieldErrors({
  problems,
  control,
  id,
}: {
  problems: readonly ApiErrorDetail[];
  /** The field the control edits: a problem of exactly it is shown without its name, a deeper one with it. */
  control?: string;
  id?: string;
}) {
  if (problems.length === 0) {
    return null;
  }
  return (
    <div id={id} className="field-errors">
      {problems.map((p, i) => (
        <div key={`${p.field}-${i}`} className="field-error" data-testid="field-error" data-field={p.field}>
          {p.field !== control && (
            <>
              <code>{p.field}</code>{' '}
            </>
          )}
          {p.problem}
        </div>
      ))}
    </div>
  );
}
