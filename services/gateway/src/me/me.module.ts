import { Module } from '@nestjs/common';
import { MeController } from './me.controller';

/** `GET /api/v1/me`: the caller as AuthGuard established it. */
@Module({ controllers: [MeController] })
export class MeModule {}
