export const TEMPLATE_KINDS = ['functional', 'stress', 'benchmark'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** What one version of a template holds (docs/api.md, `POST /api/v1/templates`). */
export interface TemplateContent {
  kind: TemplateKind;
  description: string;
  /** The workload spec (docs/workloads.md): command or script, image, env, resources, inputs, success, metrics… */
  workload: Record<string, unknown>;
  queueSelector: { queueIds?: string[]; labels?: Record<string, string>; backend?: string };
  submissionProfile: {
    minQueueDepth: number;
    maxRunning: number;
    totalJobs?: number;
    resubmit?: boolean;
    steps?: { afterSeconds: number; maxRunning: number }[];
    ramp?: 'step' | 'linear';
  };
  lifetimeSeconds: number;
  robot: boolean;
  golden: boolean;
  policy: string | null;
}

/** A template with the content of its current version (`GET /api/v1/templates`). */
export interface Template extends TemplateContent {
  id: string;
  name: string;
  active: boolean;
  currentVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateVersionRef {
  version: number;
  kind: TemplateKind;
  createdBy: string;
  createdAt: string;
}

/** `GET /api/v1/templates/:id`: every version, newest first. */
export interface TemplateDetail extends Template {
  versions: TemplateVersionRef[];
}

/** `GET /api/v1/templates/:id/versions/:version`. */
export interface TemplateVersion extends TemplateContent {
  templateId: string;
  version: number;
  current: boolean;
  createdBy: string;
  createdAt: string;
}

export interface TemplateChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** `GET /api/v1/templates/:id/diff?from=&to=`. */
export interface TemplateDiff {
  templateId: string;
  from: number;
  to: number;
  changes: TemplateChange[];
}
