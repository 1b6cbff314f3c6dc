import type { ApiErrorDetail } from '../errors/api-error-detail';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';

/** 404 for a template id in a path (`field` absent) or in a body or query (`field` names it). */
export function templateNotFound(id: string, field?: string): ApiException {
  const details: ApiErrorDetail[] = field ? [{ field, problem: `names no existing template (${id})` }] : [];
  return new ApiException(ApiErrorCode.TemplateNotFound, `template ${id} does not exist`, details);
}

/** 404 naming the parameter or field that holds the missing version. */
export function templateVersionNotFound(id: string, version: number, field: string): ApiException {
  return new ApiException(ApiErrorCode.TemplateVersionNotFound, `template ${id} has no version ${version}`, [
    { field, problem: `names no version of template ${id} (${version})` },
  ]);
}
