import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from '@anvil/db';

export const REQUIRED_ROLE = 'anvil:required-role';

/**
 * The role a route needs when it is more than the default (`viewer` for GET/HEAD/OPTIONS, `operator` for
 * other methods), on a handler or a controller: `@RequireRole('admin')`.
 */
export const RequireRole = (role: ApiRole) => SetMetadata(REQUIRED_ROLE, role);
