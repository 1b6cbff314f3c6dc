import { Module } from '@nestjs/common';
import { AuthConfigController } from './auth-config.controller';

/** `GET /api/v1/auth/config`: what the web UI needs to know before it signs in. */
@Module({ controllers: [AuthConfigController] })
export class AuthConfigModule {}
