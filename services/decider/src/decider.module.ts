import { Module } from '@nestjs/common';
import { BusModule } from '@anvil/bus';
import { DatabaseModule, LeaderModule, RedisModule } from '@anvil/db';
import { HealthModule, LoggingModule, MetricsModule } from '@anvil/telemetry';
import { ActuationRepository } from './actuators/actuation.repository';
import { ActuationWorker } from './actuators/actuation-worker.service';
import { createExternalActuators, EXTERNAL_ACTUATORS } from './actuators/external-actuators';
import { QueueStatusActuator } from './actuators/queue-status.actuator';
import { DeciderConfigModule } from './decider-config.module';
import { DECIDER_CONFIG, DECIDER_SERVICE } from './decider.constants';
import type { DeciderConfig } from './decider.env';
import { DecisionMetrics } from './decisions/decision-metrics';
import { DecisionWriterRepository } from './decisions/decision-writer.repository';
import { PlanCommitter } from './decisions/plan-committer.service';
import { CheckpointRepository } from './engine/checkpoint.repository';
import { CheckpointService } from './engine/checkpoint.service';
import { EngineReplayer } from './engine/engine-replayer';
import { EngineSessionFactory } from './engine/engine-session.factory';
import { LeadershipGuard } from './engine/leadership.guard';
import { EngineStateRepository } from './engine/engine-state.repository';
import { OutboxPublisher } from './outbox/outbox-publisher.service';
import { OutboxRepository } from './outbox/outbox.repository';
import { GoldenTestCache } from './outcomes/golden-test.cache';
import { GoldenTestRepository } from './outcomes/golden-test.repository';
import { JobOutcomesProcessor } from './outcomes/job-outcomes.processor';
import { OutcomeReader } from './outcomes/outcome-reader';
import { OverridesProcessor } from './overrides/overrides.processor';
import { PolicyModule } from './policy/policy.module';
import { QueueRepository } from './queues/queue.repository';
import { TickProcessor } from './ticks/tick.processor';
import { DeciderWorker } from './worker/decider-worker.service';

/**
 * The decider: final job states and override commands → the exclusion engine → decisions, queue status and
 * events. One leader decides (a Redis lease); the other replica is a hot standby.
 */
@Module({
  imports: [
    LoggingModule.forRoot(DECIDER_SERVICE),
    HealthModule,
    MetricsModule,
    DeciderConfigModule,
    DatabaseModule.forRoot({ applicationName: `anvil-${DECIDER_SERVICE}` }),
    RedisModule.forRoot(),
    BusModule.forRoot({ service: DECIDER_SERVICE }),
    LeaderModule.forRoot({
      useFactory: (config: DeciderConfig) => ({
        lease: DECIDER_SERVICE,
        replicaId: config.deciderId,
        leaseMs: config.leaseMs,
        pollMs: config.tickMs,
      }),
      inject: [DECIDER_CONFIG],
    }),
    PolicyModule,
  ],
  providers: [
    {
      provide: EXTERNAL_ACTUATORS,
      useFactory: (config: DeciderConfig) => createExternalActuators(config),
      inject: [DECIDER_CONFIG],
    },
    QueueStatusActuator,
    ActuationRepository,
    ActuationWorker,
    QueueRepository,
    GoldenTestRepository,
    GoldenTestCache,
    EngineStateRepository,
    LeadershipGuard,
    CheckpointRepository,
    CheckpointService,
    OutcomeReader,
    EngineReplayer,
    EngineSessionFactory,
    DecisionWriterRepository,
    DecisionMetrics,
    OutboxRepository,
    OutboxPublisher,
    PlanCommitter,
    JobOutcomesProcessor,
    OverridesProcessor,
    TickProcessor,
    DeciderWorker,
  ],
})
export class DeciderModule {}
