import { Module } from '@nestjs/common';
import { LeaderElectionService } from './leader-election.service';
import { LeaderLeaseRepository } from './leader-lease.repository';

@Module({ providers: [LeaderLeaseRepository, LeaderElectionService], exports: [LeaderElectionService] })
export class LeaderModule {}
