import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';

export function decisionNotFound(id: string): ApiException {
  return new ApiException(ApiErrorCode.DecisionNotFound, `decision ${id} does not exist`, [
    { field: 'id', problem: `names no existing decision (${id})` },
  ]);
}
