import type { TemplateContent } from './template-content';

/** Everything needed to write a template and its first version; defaults already applied. */
export interface NewTemplate extends TemplateContent {
  id: string;
  name: string;
  active: boolean;
}
