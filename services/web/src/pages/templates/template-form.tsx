import { type ReactNode } from 'react';
import type { ApiErrorDetail } from '../../api/api-error';
import { BACKENDS } from '../queue/queue.types';
import { FieldErrors } from './field-errors';
import type { TemplateFormValues } from './template-form.util';
import { TEMPLATE_KINDS } from './template.types';

type Problems = (control: string) => ApiErrorDetail[];

interface FieldProps {
  /** The API's name of the field; the control's id is derived from it. */
  control: string;
  label: string;
  hint?: ReactNode;
  problems: Problems;
  wide?: boolean;
  children(props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }): ReactNode;
}

function controlId(control: string): string {
  return `tf-${control.replace(/\./g, '-')}`;
}

/** A labelled control with its hint and the problems the API named for it. */
function Field({ control, label, hint, problems, wide, children }: FieldProps) {
  const id = controlId(control);
  const mine = problems(control);
  return (
    <div className={`field form-field${wide ? ' form-field-wide' : ''}`} data-field-name={control}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': mine.length > 0,
        'aria-describedby': mine.length > 0 ? `${id}-errors` : undefined,
      })}
      {hint && <span className="hint">{hint}</span>}
      <FieldErrors problems={mine} control={control} id={`${id}-errors`} />
    </div>
  );
}

/**
 * The fields of a template version (and, for a new template, its name and state). Every value is sent as typed and
 * checked by the API; its problems show under the fields they name.
 */
export function TemplateFormFields({
  values,
  onChange,
  problems,
  isNew,
}: {
  values: TemplateFormValues;
  onChange(changes: Partial<TemplateFormValues>): void;
  problems: Problems;
  isNew: boolean;
}) {
  const textInput = (
    key: keyof TemplateFormValues,
    props: { placeholder?: string; numeric?: boolean; size?: number } = {},
  ) =>
    function Input(p: { id: string; 'aria-invalid': boolean }) {
      return (
        <input
          {...p}
          name={key}
          data-testid={`tf-${key}`}
          value={values[key] as string}
          placeholder={props.placeholder}
          inputMode={props.numeric ? 'numeric' : undefined}
          size={props.size}
          onChange={(e) => onChange({ [key]: e.target.value })}
        />
      );
    };
  const textArea = (key: keyof TemplateFormValues, rows: number, placeholder?: string) =>
    function Area(p: { id: string; 'aria-invalid': boolean }) {
      return (
        <textarea
          {...p}
          name={key}
          data-testid={`tf-${key}`}
          rows={rows}
          value={values[key] as string}
          placeholder={placeholder}
          spellCheck={false}
          onChange={(e) => onChange({ [key]: e.target.value })}
        />
      );
    };
  const f = { problems };

  return (
    <>
      <fieldset>
        <legend>Template</legend>
        <div className="form-row">
          {isNew && (
            <Field {...f} control="name" label="name" wide>
              {textInput('name', { placeholder: 'e.g. ping-cern', size: 32 })}
            </Field>
          )}
          <Field {...f} control="kind" label="kind">
            {(p) => (
              <select
                {...p}
                data-testid="tf-kind"
                value={values.kind}
                onChange={(e) => onChange({ kind: e.target.value as TemplateFormValues['kind'] })}
              >
                {TEMPLATE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field {...f} control="lifetimeSeconds" label="lifetime (s)" hint="how long a test runs">
            {textInput('lifetimeSeconds', { numeric: true, placeholder: '3600', size: 10 })}
          </Field>
          <Field {...f} control="robot" label="robot">
            {(p) => (
              <select
                {...p}
                data-testid="tf-robot"
                value={values.robot}
                onChange={(e) => onChange({ robot: e.target.value as TemplateFormValues['robot'] })}
              >
                <option value="">default (functional: yes)</option>
                <option value="true">yes: always a test running</option>
                <option value="false">no</option>
              </select>
            )}
          </Field>
          <Field {...f} control="golden" label="golden">
            {(p) => (
              <label className="check-label">
                <input
                  {...p}
                  type="checkbox"
                  data-testid="tf-golden"
                  checked={values.golden}
                  onChange={(e) => onChange({ golden: e.target.checked })}
                />{' '}
                results count for exclusion
              </label>
            )}
          </Field>
          {isNew && (
            <Field {...f} control="active" label="state">
              {(p) => (
                <label className="check-label">
                  <input
                    {...p}
                    type="checkbox"
                    data-testid="tf-active"
                    checked={values.active}
                    onChange={(e) => onChange({ active: e.target.checked })}
                  />{' '}
                  active
                </label>
              )}
            </Field>
          )}
          <Field {...f} control="policy" label="policy (optional)">
            {textInput('policy', { size: 18 })}
          </Field>
        </div>
        <Field {...f} control="description" label="description" wide>
          {textArea('description', 2)}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Workload</legend>
        <Field
          {...f}
          control="workload.command"
          label="command"
          wide
          hint={
            <>
              job variables such as <code>{'${queue.id}'}</code> work
            </>
          }
        >
          {textInput('command', { placeholder: '/bin/true' })}
        </Field>
        <div className="form-row">
          <Field {...f} control="workload.resources.timeLimitSeconds" label="time limit (s)">
            {textInput('timeLimitSeconds', { numeric: true, size: 10 })}
          </Field>
          <Field {...f} control="workload.resources.cores" label="cores">
            {textInput('cores', { numeric: true, size: 6 })}
          </Field>
          <Field {...f} control="workload.resources.memoryMb" label="memory (MB)">
            {textInput('memoryMb', { numeric: true, size: 8 })}
          </Field>
        </div>
        <div className="form-row">
          <Field {...f} control="workload.env" label="environment" hint="KEY=value, one a line">
            {textArea('env', 3, 'MODE=ping')}
          </Field>
          <Field
            {...f}
            control="workload"
            label="other workload fields (JSON)"
            wide
            hint="script, image, inputs, success, metrics, errorRules — see docs/workloads.md"
          >
            {textArea('workloadMore', 4, '{ "success": { "exitCodes": [0] } }')}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>Queues</legend>
        <div className="form-row">
          <Field
            {...f}
            control="queueSelector.queueIds"
            label="queue ids"
            hint="separated by spaces, commas or lines"
            wide
          >
            {textArea('queueIds', 3, 'CERN-PROD_SIM1 CERN-PROD_SIM2')}
          </Field>
          <Field
            {...f}
            control="queueSelector.labels"
            label="and every queue with the labels"
            hint="key=value, one a line"
          >
            {textArea('labels', 3, 'tier=1')}
          </Field>
          <Field {...f} control="queueSelector.backend" label="on the backend">
            {(p) => (
              <select
                {...p}
                data-testid="tf-backend"
                value={values.backend}
                onChange={(e) => onChange({ backend: e.target.value })}
              >
                <option value="">any</option>
                {BACKENDS.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <FieldErrors problems={problems('queueSelector')} control="queueSelector" />
      </fieldset>

      <fieldset>
        <legend>Submission per queue</legend>
        <div className="form-row">
          <Field {...f} control="submissionProfile.minQueueDepth" label="jobs waiting">
            {textInput('minQueueDepth', { numeric: true, size: 6, placeholder: '1' })}
          </Field>
          <Field {...f} control="submissionProfile.maxRunning" label="most in flight">
            {textInput('maxRunning', { numeric: true, size: 6, placeholder: '2' })}
          </Field>
          <Field {...f} control="submissionProfile.totalJobs" label="jobs in all (stress)">
            {textInput('totalJobs', { numeric: true, size: 8, placeholder: 'no limit' })}
          </Field>
          <Field {...f} control="submissionProfile.resubmit" label="resubmit">
            {(p) => (
              <select
                {...p}
                data-testid="tf-resubmit"
                value={values.resubmit}
                onChange={(e) => onChange({ resubmit: e.target.value as TemplateFormValues['resubmit'] })}
              >
                <option value="">default (yes)</option>
                <option value="true">yes: replace jobs that end</option>
                <option value="false">no: first batch only</option>
              </select>
            )}
          </Field>
          <Field
            {...f}
            control="submissionProfile.steps"
            label="steps (stress)"
            hint="afterSeconds maxRunning, one a line"
          >
            {textArea('steps', 2, '600 50')}
          </Field>
          <Field {...f} control="submissionProfile.ramp" label="ramp">
            {(p) => (
              <select
                {...p}
                data-testid="tf-ramp"
                value={values.ramp}
                onChange={(e) => onChange({ ramp: e.target.value as TemplateFormValues['ramp'] })}
              >
                <option value="">default (step)</option>
                <option value="step">step</option>
                <option value="linear">linear</option>
              </select>
            )}
          </Field>
        </div>
        <FieldErrors problems={problems('submissionProfile')} control="submissionProfile" />
      </fieldset>
    </>
  );
}
