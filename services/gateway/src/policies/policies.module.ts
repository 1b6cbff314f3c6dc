import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PoliciesRepository } from './policies.repository';
import { PoliciesService } from './policies.service';

/** Needs the global `AuditModule` (for `AuditRepository`). */
@Module({ controllers: [PoliciesController], providers: [PoliciesService, PoliciesRepository] })
export class PoliciesModule {}
