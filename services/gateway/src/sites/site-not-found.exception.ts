import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';

export function siteNotFound(id: string): ApiException {
  return new ApiException(ApiErrorCode.SiteNotFound, `site ${id} does not exist`, [
    { field: 'id', problem: `names no existing site (${id})` },
  ]);
}
