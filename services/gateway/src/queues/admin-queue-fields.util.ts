import { roleAtLeast } from '@anvil/db';
import type { Identity } from '../auth/identity';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import type { UpdateQueueDto } from './dto/update-queue.dto';

// What a queue runs on and where, and whether automation may touch it: as much power as creating a queue (admin).
export const ADMIN_QUEUE_FIELDS = ['siteId', 'backend', 'backendConfig', 'protected'] as const;

/** A 403 naming the admin-only fields a change touches when `identity` is not an admin; nothing otherwise. */
export function checkAdminQueueFields(change: UpdateQueueDto, identity: Pick<Identity, 'name' | 'role'>): void {
  const touched = ADMIN_QUEUE_FIELDS.filter((field) => change[field] !== undefined);
  if (touched.length === 0 || roleAtLeast(identity.role, 'admin')) {
    return;
  }
  throw new ApiException(
    ApiErrorCode.Forbidden,
    `changing ${touched.join(', ')} needs the admin role; ${identity.name} has ${identity.role}`,
    touched.map((field) => ({ field, problem: `changes only with the admin role (${identity.role} given)` })),
  );
}
