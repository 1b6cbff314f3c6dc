import { Fragment } from 'react';
import { useApi } from '../../api/use-api';
import { ErrorBox, Loading } from '../../components';
import type { TemplateDiff, TemplateVersionRef } from './template.types';

function show(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

/**
 * The values that differ between two versions, by JSON pointer (`GET /api/v1/templates/:id/diff`), with the two
 * versions picked in selects.
 */
export function TemplateDiffView({
  templateId,
  versions,
  from,
  to,
  onChange,
}: {
  templateId: string;
  versions: readonly TemplateVersionRef[];
  from: number;
  to: number;
  onChange(from: number, to: number): void;
}) {
  const { data, error, loading } = useApi<TemplateDiff>(`/templates/${templateId}/diff`, { from, to });
  const pick = (value: number, set: (v: number) => void, testId: string, label: string) => (
    <label className="field inline-field">
      {label}
      <select data-testid={testId} value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="panel" data-testid="template-diff" data-from={from} data-to={to} aria-labelledby="diff-title">
      <div className="panel-header">
        <h2 id="diff-title">Changes</h2>
        {pick(from, (f) => onChange(f, to), 'diff-from', 'from')}
        {pick(to, (t) => onChange(from, t), 'diff-to', 'to')}
      </div>
      {error && <ErrorBox error={error} title="The difference could not be read" />}
      {loading && <Loading label="Comparing…" />}
      {data && data.changes.length === 0 && (
        <p className="empty">{from === to ? 'The same version.' : `v${from} and v${to} have the same content.`}</p>
      )}
      {data && data.changes.length > 0 && (
        <div className="table-wrap">
          <table className="data-table diff-table">
            <thead>
              <tr>
                <th scope="col">field</th>
                <th scope="col">change</th>
                <th scope="col">v{data.from}</th>
                <th scope="col">v{data.to}</th>
              </tr>
            </thead>
            <tbody>
              {data.changes.map((c) => (
                <tr key={c.path} data-testid="diff-row" data-path={c.path} data-change={c.change}>
                  <td className="diff-path">
                    <code>
                      {c.path
                        .split('/')
                        .slice(1)
                        .map((part, i) => (
                          <Fragment key={i}>
                            /{part}
                            <wbr />
                          </Fragment>
                        ))}
                    </code>
                  </td>
                  <td>
                    <span className={`change change-${c.change}`}>{c.change}</span>
                  </td>
                  <td className="wrap diff-before">
                    <code>{show(c.before)}</code>
                  </td>
                  <td className="wrap diff-after">
                    <code>{show(c.after)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
