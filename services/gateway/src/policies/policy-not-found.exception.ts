import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';

export function policyNotFound(name: string, version?: number): ApiException {
  return version === undefined
    ? new ApiException(ApiErrorCode.PolicyNotFound, `policy ${name} does not exist`, [
        { field: 'name', problem: `names no recorded policy (${name})` },
      ])
    : new ApiException(ApiErrorCode.PolicyNotFound, `policy ${name} has no version ${version}`, [
        { field: 'version', problem: `names no recorded version of ${name} (${version})` },
      ]);
}
