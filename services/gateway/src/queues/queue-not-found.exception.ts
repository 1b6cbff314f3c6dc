import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';

export function queueNotFound(id: string): ApiException {
  return new ApiException(ApiErrorCode.QueueNotFound, `queue ${id} does not exist`, [
    { field: 'id', problem: `names no existing queue (${id})` },
  ]);
}
