import { Module } from '@nestjs/common';
import { KeeperModule } from '../keeper/keeper.module';
import { AdoptionService } from './adoption.service';
import { AssignmentService } from './assignment.service';
import { AssignmentsHandler } from './assignments.handler';
import { AssignmentsRepository } from './assignments.repository';
import { ReconcilerService } from './reconciler.service';

@Module({
  imports: [KeeperModule],
  controllers: [AssignmentsHandler],
  providers: [AssignmentsRepository, AdoptionService, AssignmentService, ReconcilerService],
})
export class AssignmentsModule {}
