import type { TemplateContent } from './template-content';

/** One row of `template_versions`, and whether it is its template's current version. */
export interface TemplateVersionRecord extends TemplateContent {
  templateId: string;
  version: number;
  current: boolean;
  createdBy: string;
  createdAt: Date;
}
