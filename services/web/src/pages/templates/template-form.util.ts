import type { ApiErrorDetail } from '../../api/api-error';
import type { TemplateContent, TemplateKind } from './template.types';

/** The template form's values, as typed (text), before they become the API's body. */
export interface TemplateFormValues {
  name: string;
  active: boolean;
  kind: TemplateKind;
  description: string;
  golden: boolean;
  /** `''`: the API's default (true for functional). */
  robot: '' | 'true' | 'false';
  policy: string;
  command: string;
  /** `KEY=value` per line. */
  env: string;
  timeLimitSeconds: string;
  cores: string;
  memoryMb: string;
  /** The workload's other fields (script, image, inputs, success, metrics, errorRules…) as a JSON object. */
  workloadMore: string;
  /** Queue ids, separated by spaces, commas or lines. */
  queueIds: string;
  /** `key=value` per line. */
  labels: string;
  backend: string;
  minQueueDepth: string;
  maxRunning: string;
  totalJobs: string;
  resubmit: '' | 'true' | 'false';
  /** `afterSeconds maxRunning` per line. */
  steps: string;
  ramp: '' | 'step' | 'linear';
  lifetimeSeconds: string;
}

/**
 * The fields the form has a control for, by the API's names: a problem the API names is shown under the control
 * whose name is the longest prefix of it (`workload`, `queueSelector` and `submissionProfile` take what their
 * sub-fields do not).
 */
export const TEMPLATE_CONTROLS = [
  'name',
  'active',
  'kind',
  'description',
  'golden',
  'robot',
  'policy',
  'workload',
  'workload.command',
  'workload.env',
  'workload.resources.timeLimitSeconds',
  'workload.resources.cores',
  'workload.resources.memoryMb',
  'queueSelector',
  'queueSelector.queueIds',
  'queueSelector.labels',
  'queueSelector.backend',
  'submissionProfile',
  'submissionProfile.minQueueDepth',
  'submissionProfile.maxRunning',
  'submissionProfile.totalJobs',
  'submissionProfile.resubmit',
  'submissionProfile.steps',
  'submissionProfile.ramp',
  'lifetimeSeconds',
] as const;

export const EMPTY_TEMPLATE_FORM: TemplateFormValues = {
  name: '',
  active: true,
  kind: 'functional',
  description: '',
  golden: false,
  robot: '',
  policy: '',
  command: '',
  env: '',
  timeLimitSeconds: '',
  cores: '',
  memoryMb: '',
  workloadMore: '',
  queueIds: '',
  labels: '',
  backend: '',
  minQueueDepth: '',
  maxRunning: '',
  totalJobs: '',
  resubmit: '',
  steps: '',
  ramp: '',
  lifetimeSeconds: '',
};

const WORKLOAD_OWN = new Set(['command', 'env', 'resources']);
const RESOURCES_OWN = new Set(['timeLimitSeconds', 'cores', 'memoryMb']);

function text(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

function pairsText(record: unknown): string {
  if (typeof record !== 'object' || record === null) {
    return '';
  }
  return Object.entries(record as Record<string, unknown>)
    .map(([k, v]) => `${k}=${text(v)}`)
    .join('\n');
}

function boolChoice(value: boolean | undefined): '' | 'true' | 'false' {
  return value === undefined ? '' : value ? 'true' : 'false';
}

/** A version's content as the form's values (a new version starts from the current one). */
export function contentToForm(content: TemplateContent, extra: { name: string; active: boolean }): TemplateFormValues {
  const workload = content.workload ?? {};
  const resources = (workload.resources ?? {}) as Record<string, unknown>;
  const more: Record<string, unknown> = Object.fromEntries(
    Object.entries(workload).filter(([k]) => !WORKLOAD_OWN.has(k)),
  );
  const otherResources = Object.fromEntries(Object.entries(resources).filter(([k]) => !RESOURCES_OWN.has(k)));
  if (Object.keys(otherResources).length > 0) {
    more.resources = otherResources;
  }
  const sp = content.submissionProfile;
  return {
    name: extra.name,
    active: extra.active,
    kind: content.kind,
    description: content.description ?? '',
    golden: content.golden,
    robot: boolChoice(content.robot),
    policy: content.policy ?? '',
    command: text(workload.command),
    env: pairsText(workload.env),
    timeLimitSeconds: text(resources.timeLimitSeconds),
    cores: text(resources.cores),
    memoryMb: text(resources.memoryMb),
    workloadMore: Object.keys(more).length > 0 ? JSON.stringify(more, null, 2) : '',
    queueIds: (content.queueSelector.queueIds ?? []).join('\n'),
    labels: pairsText(content.queueSelector.labels),
    backend: content.queueSelector.backend ?? '',
    minQueueDepth: text(sp.minQueueDepth),
    maxRunning: text(sp.maxRunning),
    totalJobs: text(sp.totalJobs),
    resubmit: boolChoice(sp.resubmit),
    steps: (sp.steps ?? []).map((s) => `${s.afterSeconds} ${s.maxRunning}`).join('\n'),
    ramp: sp.ramp ?? '',
    lifetimeSeconds: text(content.lifetimeSeconds),
  };
}

/** An integer field: empty → left out; digits → the number; anything else as typed, for the API to name. */
function integer(value: string): number | string | undefined {
  const v = value.trim();
  if (v === '') {
    return undefined;
  }
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** `KEY=value` lines to an object; a line without `=` is a problem of `field`. */
function pairs(value: string, field: string, problems: ApiErrorDetail[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [i, line] of lines(value).entries()) {
    const eq = line.indexOf('=');
    if (eq <= 0) {
      problems.push({ field, problem: `line ${i + 1} (“${line}”) is not key=value` });
    } else {
      out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
  }
  return lines(value).length > 0 ? out : undefined;
}

function definedOnly<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The body of `POST /templates` (with `name`, `active`) or `POST /templates/:id/versions` (without): fields left
 * empty are left out so the API applies its defaults and names what is required. Only what the form itself cannot
 * read (a `key=value` line without `=`, JSON that does not parse) is refused here; every rule is the API's.
 */
export function formToBody(
  form: TemplateFormValues,
  isNew: boolean,
): { body?: Record<string, unknown>; problems: ApiErrorDetail[] } {
  const problems: ApiErrorDetail[] = [];
  let more: Record<string, unknown> = {};
  if (form.workloadMore.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(form.workloadMore);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        problems.push({ field: 'workload', problem: 'the other workload fields must be a JSON object' });
      } else {
        more = parsed as Record<string, unknown>;
      }
    } catch (err) {
      problems.push({ field: 'workload', problem: `is not valid JSON: ${err instanceof Error ? err.message : ''}` });
    }
  }
  const resources = definedOnly({
    ...((more.resources as Record<string, unknown> | undefined) ?? {}),
    timeLimitSeconds: integer(form.timeLimitSeconds),
    cores: integer(form.cores),
    memoryMb: integer(form.memoryMb),
  });
  const workload = definedOnly({
    ...more,
    command: form.command === '' ? undefined : form.command,
    env: pairs(form.env, 'workload.env', problems),
    resources: Object.keys(resources).length > 0 ? resources : undefined,
  });
  const steps: { afterSeconds: number | string; maxRunning: number | string }[] = [];
  for (const [i, line] of lines(form.steps).entries()) {
    const parts = line.split(/[\s,;:]+/);
    if (parts.length !== 2) {
      problems.push({
        field: 'submissionProfile.steps',
        problem: `line ${i + 1} (“${line}”) is not “afterSeconds maxRunning”`,
      });
    } else {
      steps.push({ afterSeconds: integer(parts[0]) ?? parts[0], maxRunning: integer(parts[1]) ?? parts[1] });
    }
  }
  const queueIds = form.queueIds.split(/[\s,]+/).filter(Boolean);
  const queueSelector = definedOnly({
    queueIds: queueIds.length > 0 ? queueIds : undefined,
    labels: pairs(form.labels, 'queueSelector.labels', problems),
    backend: form.backend || undefined,
  });
  const submissionProfile = definedOnly({
    minQueueDepth: integer(form.minQueueDepth),
    maxRunning: integer(form.maxRunning),
    totalJobs: integer(form.totalJobs),
    resubmit: form.resubmit === '' ? undefined : form.resubmit === 'true',
    steps: steps.length > 0 ? steps : undefined,
    ramp: form.ramp || undefined,
  });
  if (problems.length > 0) {
    return { problems };
  }
  const body = definedOnly({
    ...(isNew ? { name: form.name === '' ? undefined : form.name, active: form.active } : {}),
    kind: form.kind,
    description: form.description,
    workload,
    queueSelector,
    submissionProfile,
    lifetimeSeconds: integer(form.lifetimeSeconds),
    robot: form.robot === '' ? undefined : form.robot === 'true',
    golden: form.golden,
    policy: form.policy.trim() === '' ? undefined : form.policy,
  });
  return { body, problems };
}
