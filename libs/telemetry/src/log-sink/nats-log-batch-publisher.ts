import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { LogBatchSchema, type Contract } from '@anvil/contracts';
import type { LogBatchPublisher } from './log-batch-publisher';
import type { NatsLogConnection } from './nats-log-connection';
import type { PendingLogBatch } from './pending-log-batch';

/** Publishes a sink's batches as `LogBatch` messages of one contract (`logBatch` or `accessLogBatch`). */
export class NatsLogBatchPublisher implements LogBatchPublisher {
  readonly target: string;
  private readonly subject: string;

  constructor(
    private readonly connection: NatsLogConnection,
    contract: Contract<typeof LogBatchSchema>,
    private readonly source: string,
    private readonly instance: string,
  ) {
    const problems = contract.check(
      create(LogBatchSchema, { batchId: `${source}-${instance}-1`, source, batchedAt: timestampFromDate(new Date()) }),
    );
    if (problems.length > 0) {
      throw new Error(`cannot publish ${contract.name} messages for ${source}: ${problems.join('; ')}`);
    }
    this.subject = contract.subject(create(LogBatchSchema, { source }));
    this.target = connection.namespace.subject(this.subject);
  }

  publish(batch: PendingLogBatch): Promise<void> {
    batch.encoded ??= toBinary(
      LogBatchSchema,
      create(LogBatchSchema, {
        batchId: batch.id,
        source: this.source,
        instance: this.instance,
        lines: batch.lines as string[],
        batchedAt: timestampFromDate(batch.batchedAt),
      }),
    );
    return this.connection.publish(this.subject, batch.encoded, batch.id, LogBatchSchema.typeName);
  }
}
