import { SetMetadata } from '@nestjs/common';

export const ANY_CALLER = 'anvil:any-caller';

/**
 * A route any caller may use, with or without a token, whatever ANVIL_ANONYMOUS_READS says (`GET /api/v1/me`). A
 * token that is presented must still be valid; the caller is then that identity, else `ANONYMOUS_IDENTITY`.
 */
export const AnyCaller = () => SetMetadata(ANY_CALLER, true);
