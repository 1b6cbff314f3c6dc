import { randomBytes } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Publisher } from '@anvil/bus';
import { CONTRACTS, LogBatchSchema } from '@anvil/contracts';

const SERVICES = ['gateway', 'scheduler', 'submitter', 'ingester', 'decider'] as const;
const MESSAGES = [
  'stored a batch of 4000 job events',
  'keeper loop submitted 12 jobs to queue q-0042',
  'lease renewed for test 3f1c',
  'policy evaluated queue q-0107: no change',
  'request completed',
] as const;
/** Publishes in flight at once: enough to keep the stream busy, few enough to stay an open loop. */
const WINDOW = 16;

/**
 * Offers `rate` pino-style lines per second as `LogBatch` messages, open loop (a late tick publishes what is due):
 * nine batches in ten on `anvil.log.<service>`, one in ten gateway access lines on `anvil.access.gateway`. Every line
 * carries a unique `event.sequence` (0, 1, 2, ...), which the verification counts.
 */
export class LogLineGenerator {
  private readonly instance = randomBytes(4).toString('hex');
  private readonly traceId = randomBytes(16).toString('hex');
  private sequence = 0;
  private batches = 0;
  private inFlight = 0;
  private readonly errors: string[] = [];

  constructor(
    private readonly publisher: Publisher,
    private readonly batchLines: number,
  ) {}

  get published(): number {
    return this.sequence;
  }

  get failures(): readonly string[] {
    return this.errors;
  }

  /** Runs for `seconds`; resolves once every batch is acked by the stream. */
  async run(rate: number, seconds: number, onTick: (elapsed: number) => void): Promise<void> {
    const started = Date.now();
    const total = Math.round(rate * seconds);
    const pending = new Set<Promise<void>>();
    while (this.sequence < total) {
      const elapsed = (Date.now() - started) / 1000;
      onTick(elapsed);
      const due = Math.min(total, Math.floor(rate * elapsed));
      while (this.sequence + this.batchLines <= due || (due === total && this.sequence < total)) {
        if (this.inFlight >= WINDOW) {
          await Promise.race(pending);
          continue;
        }
        const publish = this.publishBatch(Math.min(this.batchLines, total - this.sequence));
        pending.add(publish);
        void publish.finally(() => pending.delete(publish));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all(pending);
  }

  private async publishBatch(lines: number): Promise<void> {
    const first = this.sequence;
    this.sequence += lines;
    const number = this.batches++;
    const access = number % 10 === 9;
    const source = access ? 'gateway' : (SERVICES[number % SERVICES.length] as string);
    const now = new Date();
    const at = now.toISOString();
    const text: string[] = [];
    for (let seq = first; seq < first + lines; seq++) {
      text.push(access ? this.accessLine(seq, at) : this.applicationLine(source, seq, at));
    }
    const batch = create(LogBatchSchema, {
      batchId: `bench-${this.instance}-${number}`,
      source,
      instance: `bench-${this.instance}`,
      lines: text,
      batchedAt: timestampFromDate(now),
    });
    this.inFlight++;
    try {
      // A publish that fails (e.g. a timeout under load) is retried with the same batch id: JetStream keeps one.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.publisher.publish(access ? CONTRACTS.accessLogBatch : CONTRACTS.logBatch, batch);
          return;
        } catch (error) {
          if (attempt >= 5) {
            this.errors.push(error instanceof Error ? error.message : String(error));
            return;
          }
        }
      }
    } finally {
      this.inFlight--;
    }
  }

  private applicationLine(service: string, seq: number, at: string): string {
    const message = MESSAGES[seq % MESSAGES.length] as string;
    return (
      `{"log.level":"${seq % 50 === 0 ? 'error' : 'info'}","@timestamp":"${at}","service.name":"${service}",` +
      `"trace.id":"${this.traceId}","span.id":"${seq.toString(16).padStart(16, '0')}",` +
      `"http.request.id":"bench-${seq}","event.sequence":${seq},"message":"${message}"}`
    );
  }

  private accessLine(seq: number, at: string): string {
    return (
      `{"log.level":"info","@timestamp":"${at}","service.name":"gateway","event.dataset":"gateway.access",` +
      `"trace.id":"${this.traceId}","http.request.id":"bench-${seq}","http.request.method":"GET",` +
      `"url.path":"/api/v1/tests","http.response.status_code":200,"event.duration":${1_000_000 + (seq % 5_000_000)},` +
      `"client.ip":"127.0.0.1","event.sequence":${seq},"message":"GET /api/v1/tests 200"}`
    );
  }
}
