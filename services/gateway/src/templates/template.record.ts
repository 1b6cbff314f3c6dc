import type { TemplateContent } from './template-content';

/** A template joined with its current version, as the repository reads it. */
export interface TemplateRecord extends TemplateContent {
  id: string;
  name: string;
  active: boolean;
  currentVersion: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}
