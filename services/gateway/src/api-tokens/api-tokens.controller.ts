import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedInTransaction } from '../audit/audited-in-transaction.decorator';
import { CurrentIdentity } from '../auth/current-identity.decorator';
import type { Identity } from '../auth/identity';
import { RequireRole } from '../auth/require-role.decorator';
import { API_PREFIX } from '../common/api-prefix.constant';
import type { RequestContext } from '../common/request-context';
import { RequestCtx } from '../common/request-ctx.decorator';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { IdempotencyKeyRefused } from '../idempotency/idempotency-key-refused.decorator';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenListDto } from './dto/api-token-list.dto';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { CreatedApiTokenDto } from './dto/created-api-token.dto';

@ApiTags('api-tokens')
@RequireRole('admin')
@Controller(`${API_PREFIX}/tokens`)
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @AuditedInTransaction()
  @IdempotencyKeyRefused('the answer holds the new token, which is shown once and never stored')
  @ApiOperation({ summary: 'Make an API token (admin); its plaintext is in this answer only; no Idempotency-Key' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  create(
    @Body() body: CreateApiTokenDto,
    @CurrentIdentity() admin: Identity,
    @RequestCtx() context: RequestContext,
  ): Promise<CreatedApiTokenDto> {
    return this.tokens.create(body, admin, context);
  }

  @Get()
  @ApiOperation({ summary: 'Every API token, newest first (admin); never a plaintext or a hash' })
  @ApiOkResponse({ type: ApiTokenListDto })
  async list(): Promise<ApiTokenListDto> {
    return { items: await this.tokens.list() };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @AuditedInTransaction()
  @ApiOperation({ summary: 'Revoke an API token (admin): it is refused from now on; revoking twice is harmless' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(
    @Param('id', UuidParamPipe) id: string,
    @CurrentIdentity() admin: Identity,
    @RequestCtx() context: RequestContext,
  ): Promise<void> {
    await this.tokens.revoke(id, admin, context);
  }
}
