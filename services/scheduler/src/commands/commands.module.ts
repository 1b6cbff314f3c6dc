import { Module } from '@nestjs/common';
import { TestsModule } from '../tests/tests.module';
import { TestCommandsHandler } from './test-commands.handler';
import { TestCommandsService } from './test-commands.service';

@Module({ imports: [TestsModule], controllers: [TestCommandsHandler], providers: [TestCommandsService] })
export class CommandsModule {}
