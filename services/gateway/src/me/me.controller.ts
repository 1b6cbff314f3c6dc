import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyCaller } from '../auth/any-caller.decorator';
import { CurrentIdentity } from '../auth/current-identity.decorator';
import type { Identity } from '../auth/identity';
import { API_PREFIX } from '../common/api-prefix.constant';
import { MeDto } from './dto/me.dto';

@ApiTags('auth')
@Controller(`${API_PREFIX}/me`)
export class MeController {
  @Get()
  @AnyCaller()
  @ApiOperation({
    summary: 'Who the caller is: anonymous, or the role and name of its token',
    description:
      'Answered without a token even when anonymous reads are off (the web UI asks before it signs in); a token ' +
      'that is presented must be valid (else 401). Counts against the caller’s read rate limit.',
    // A token is optional here.
    security: [{}, { bearer: [] }],
  })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentIdentity() identity: Identity): MeDto {
    return identity.via === 'anonymous'
      ? { authenticated: false, role: 'anonymous', name: null }
      : { authenticated: true, role: identity.role, name: identity.name };
  }
}
