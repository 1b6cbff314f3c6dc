import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';

@Module({ controllers: [DecisionsController], providers: [DecisionsRepository] })
export class DecisionsModule {}
