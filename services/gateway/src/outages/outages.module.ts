import { Module } from '@nestjs/common';
import { OutagesController } from './outages.controller';
import { OutagesRepository } from './outages.repository';

@Module({ controllers: [OutagesController], providers: [OutagesRepository] })
export class OutagesModule {}
