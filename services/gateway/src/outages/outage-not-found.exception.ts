import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';

export function outageNotFound(id: string): ApiException {
  return new ApiException(ApiErrorCode.OutageNotFound, `outage ${id} does not exist`, [
    { field: 'id', problem: `names no existing outage (${id})` },
  ]);
}
