import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { apiSend, newIdempotencyKey } from '../../api/api-client';
import { toApiError, type ApiError, type ApiErrorDetail } from '../../api/api-error';
import { useApi } from '../../api/use-api';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../../auth/session';
import { ErrorBox, Loading } from '../../components';
import { FieldErrors } from './field-errors';
import { placeProblems } from './field-problems.util';
import { TemplateFormFields } from './template-form';
import {
  EMPTY_TEMPLATE_FORM,
  TEMPLATE_CONTROLS,
  contentToForm,
  formToBody,
  type TemplateFormValues,
} from './template-form.util';
import type { TemplateDetail, TemplateVersion } from './template.types';
import './templates.css';

/**
 * `/templates/new` creates a template (its version 1); `/templates/:id/edit` adds a version, starting from the
 * current one (or `?from=<version>`). Operators only: others are not offered the form.
 */
export function TemplateEditPage() {
  const id = useParams<{ id: string }>().id;
  const isNew = id === undefined;
  const [params] = useSearchParams();
  const fromVersion = params.get('from');
  const session = useSession();
  useDocumentTitle(isNew ? 'New template' : 'New template version');

  const template = useApi<TemplateDetail>(isNew ? null : `/templates/${encodeURIComponent(id)}`);
  const base = useApi<TemplateVersion>(
    !isNew && fromVersion && /^\d+$/.test(fromVersion)
      ? `/templates/${encodeURIComponent(id)}/versions/${fromVersion}`
      : null,
  );

  if (session.resolving) {
    return <Loading />;
  }
  if (!session.can('operator')) {
    return (
      <div className="page">
        <div className="notice" data-testid="template-form-forbidden">
          Creating templates and versions needs the <b>operator</b> role; you are{' '}
          {session.role === 'anonymous' ? 'not signed in' : `signed in as ${session.role}`}.{' '}
          {session.role === 'anonymous' && <Link to="/sign-in">Sign in</Link>}
        </div>
      </div>
    );
  }
  if (isNew) {
    return <TemplateForm initial={EMPTY_TEMPLATE_FORM} />;
  }
  const error = template.error ?? base.error;
  if (error) {
    return <ErrorBox error={error} title="The template could not be read" />;
  }
  const t = template.data;
  const content = fromVersion ? base.data : t;
  if (!t || !content) {
    return <Loading />;
  }
  return (
    <TemplateForm
      key={`${t.id}@${fromVersion ?? t.currentVersion}`}
      template={t}
      basedOn={fromVersion ? Number(fromVersion) : t.currentVersion}
      initial={contentToForm(content, { name: t.name, active: t.active })}
    />
  );
}

function TemplateForm({
  initial,
  template,
  basedOn,
}: {
  initial: TemplateFormValues;
  template?: TemplateDetail;
  basedOn?: number;
}) {
  const navigate = useNavigate();
  const isNew = template === undefined;
  const [values, setValues] = useState(initial);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [localProblems, setLocalProblems] = useState<ApiErrorDetail[]>([]);
  const [dirty, setDirty] = useState(false);

  // Leaving with unsaved changes asks first (a reload or closing the tab; in-app links are the user's choice).
  useEffect(() => {
    if (!dirty) {
      return undefined;
    }
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const details = [...localProblems, ...(error?.details ?? [])];
  const { byControl, unplaced } = placeProblems(details, TEMPLATE_CONTROLS);
  const problems = (control: string) => byControl.get(control) ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { body, problems: local } = formToBody(values, isNew);
    setLocalProblems(local);
    setError(undefined);
    if (!body) {
      return;
    }
    setSending(true);
    try {
      const path = isNew ? '/templates' : `/templates/${encodeURIComponent(template.id)}/versions`;
      const answer = await apiSend<{ id?: string; templateId?: string; version?: number }>('POST', path, body, {
        idempotencyKey: newIdempotencyKey(),
      });
      setDirty(false);
      const target = isNew ? answer.id : template.id;
      void navigate(`/templates/${target ?? ''}`);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setSending(false);
    }
  };

  const count = details.length;
  return (
    <div className="page template-edit-page">
      <header className="page-header">
        <h1>{isNew ? 'New template' : `New version of ${template.name}`}</h1>
        {!isNew && (
          <span className="muted">
            v{template.currentVersion + 1}, starting from v{basedOn}: every field below is the new version’s whole
            content
          </span>
        )}
      </header>
      <form className="template-form panel" data-testid="template-form" onSubmit={(e) => void submit(e)} noValidate>
        {error && error.details.length === 0 && (
          <ErrorBox error={error} title={isNew ? 'The template was not created' : 'The version was not added'} />
        )}
        {count > 0 && (
          <div className="form-summary" role="alert" data-testid="form-summary">
            {isNew ? 'The template was not created' : 'The version was not added'}:{' '}
            {count === 1 ? 'one problem' : `${count} problems`}
            {unplaced.length < count ? ', shown under the fields' : ''}.
            <FieldErrors problems={unplaced} />
          </div>
        )}
        <TemplateFormFields
          values={values}
          isNew={isNew}
          problems={problems}
          onChange={(changes) => {
            setValues((v) => ({ ...v, ...changes }));
            setDirty(true);
          }}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="template-submit" disabled={sending}>
            {sending ? 'Saving…' : isNew ? 'Create template' : 'Add version'}
          </button>
          <Link to={isNew ? '/templates' : `/templates/${template.id}`}>Cancel</Link>
        </div>
      </form>
    </div>
  );
}
