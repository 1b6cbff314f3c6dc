import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { apiSend } from '../../api/api-client';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/use-api';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../../auth/session';
import { ErrorBox, Loading, Time } from '../../components';
import { intParam, useQueryState } from '../decisions/search-params.util';
import { TemplateContentView } from './template-content-view';
import { TemplateDiffView } from './template-diff-view';
import type { TemplateDetail, TemplateVersion } from './template.types';
import './templates.css';

/**
 * One template: its state, the content of its current (or a chosen) version, every version, and the changes between
 * two; operators may activate or deactivate it and add a version.
 */
export function TemplatePage() {
  const id = useParams<{ id: string }>().id ?? '';
  const session = useSession();
  const { get, set } = useQueryState();
  const template = useApi<TemplateDetail>(`/templates/${encodeURIComponent(id)}`);
  useDocumentTitle(template.data ? `Template ${template.data.name}` : 'Template');
  const current = template.data?.currentVersion ?? 0;
  const shown = intParam(get('version'), current);
  const viewOther = template.data !== undefined && shown !== current;
  const version = useApi<TemplateVersion>(viewOther ? `/templates/${encodeURIComponent(id)}/versions/${shown}` : null);

  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | undefined>();
  const setActive = async (active: boolean) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await apiSend('POST', `/templates/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`);
      template.reload();
    } catch (err) {
      setActionError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (template.error && !template.data) {
    return (
      <div className="page">
        <ErrorBox
          error={template.error}
          title={template.error.status === 404 ? 'No such template' : 'The template could not be read'}
          onRetry={template.reload}
        />
        <p>
          <Link to="/templates">All templates</Link>
        </p>
      </div>
    );
  }
  if (!template.data) {
    return <Loading label="Loading the template…" />;
  }
  const t = template.data;
  const diffTo = intParam(get('to'), current);
  const diffFrom = intParam(get('from'), Math.max(1, current - 1));
  const content = viewOther ? version.data : t;

  return (
    <div className="page template-page">
      <header className="page-header template-header" data-testid="template-header" data-active={t.active}>
        <h1>{t.name}</h1>
        <span className={`badge ${t.active ? 'badge-active' : 'badge-inactive'}`} data-testid="template-state">
          {t.active ? 'active' : 'inactive'}
        </span>
        <span className="muted">
          {t.kind} · v{t.currentVersion} · made by {t.createdBy} <Time value={t.createdAt} /> · updated{' '}
          <Time value={t.updatedAt} />
        </span>
        <span className="spacer" />
        {session.can('operator') && (
          <span className="actions">
            <Link className="btn" to={`/templates/${t.id}/edit`} data-testid="template-new-version">
              New version
            </Link>
            {t.active ? (
              <button
                type="button"
                className="btn btn-danger"
                data-testid="template-deactivate"
                disabled={busy}
                onClick={() => void setActive(false)}
                title="no robot test and no new test from it; a test in progress runs to its end"
              >
                Deactivate
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-primary"
                data-testid="template-activate"
                disabled={busy}
                onClick={() => void setActive(true)}
              >
                Activate
              </button>
            )}
          </span>
        )}
      </header>
      {actionError && <ErrorBox error={actionError} title="The change was refused" />}

      <div className="template-grid">
        <section className="panel" aria-labelledby="content-title">
          <div className="panel-header">
            <h2 id="content-title">
              Version {shown}
              {shown === current ? ' (current)' : ''}
            </h2>
            {viewOther && (
              <>
                <span className="muted">
                  by {version.data?.createdBy} <Time value={version.data?.createdAt} />
                </span>
                <button type="button" className="link-button" onClick={() => set({ version: undefined })}>
                  show the current one
                </button>
              </>
            )}
            <span className="spacer" />
            {viewOther && session.can('operator') && (
              <Link to={`/templates/${t.id}/edit?from=${shown}`}>new version from this one</Link>
            )}
          </div>
          {version.error && <ErrorBox error={version.error} title={`Version ${shown} could not be read`} />}
          {viewOther && version.loading && <Loading />}
          {content && <TemplateContentView content={content} />}
        </section>

        <div className="template-side">
          <section className="panel" aria-labelledby="versions-title">
            <h2 id="versions-title">Versions</h2>
            <div className="table-wrap">
              <table className="data-table" data-testid="template-versions">
                <thead>
                  <tr>
                    <th scope="col">version</th>
                    <th scope="col">kind</th>
                    <th scope="col">by</th>
                    <th scope="col">made</th>
                    <th scope="col" title="compare this version (as the older side) with another">
                      compare
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {t.versions.map((v) => (
                    <tr
                      key={v.version}
                      data-testid="template-version-row"
                      data-version={v.version}
                      className={v.version === shown ? 'selected' : undefined}
                    >
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => set({ version: v.version === current ? undefined : String(v.version) })}
                        >
                          v{v.version}
                        </button>
                        {v.version === current && <span className="muted"> current</span>}
                      </td>
                      <td>{v.kind}</td>
                      <td>{v.createdBy}</td>
                      <td>
                        <Time value={v.createdAt} />
                      </td>
                      <td>
                        {v.version !== current && (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => set({ from: String(v.version), to: String(current) }, { replace: true })}
                          >
                            with current
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {t.versions.length > 1 ? (
            <TemplateDiffView
              templateId={t.id}
              versions={t.versions}
              from={diffFrom}
              to={diffTo}
              onChange={(from, to) => set({ from: String(from), to: String(to) }, { replace: true })}
            />
          ) : (
            <p className="muted">One version only: nothing to compare yet.</p>
          )}
        </div>
      </div>
    </div>
  );
}
