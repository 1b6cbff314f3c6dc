import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';

@Module({
  // The API token cache, which a revocation clears.
  imports: [AuthModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensService, ApiTokensRepository],
})
export class ApiTokensModule {}
