import type { DestinationStream } from 'pino';
import { CONTRACTS } from '@anvil/contracts';
import { logInstanceId } from './log-instance.util';
import { LogSink, type LogSinkStats } from './log-sink';
import type { LogSinkSettings } from './log-sink.env';
import { NatsLogBatchPublisher } from './nats-log-batch-publisher';
import { NatsLogConnection } from './nats-log-connection';
import { stdoutDestination } from './stdout-destination';
import { TeeDestination } from './tee-destination';

export interface LogOutputOptions {
  /** `service.name`, and the `<source>` of `anvil.log.<source>` / `anvil.access.<source>`. */
  readonly service: string;
  /** Also make the destination of the access lines (`anvil.access.<service>`). */
  readonly accessLog: boolean;
  readonly settings: LogSinkSettings;
  readonly nats: { readonly url: string; readonly namespace: string };
  /** Default: pino's stdout destination. */
  readonly stdout?: DestinationStream;
  /** Default: `logInstanceId()`. */
  readonly instance?: string;
}

/**
 * Where a service's loggers write: stdout, and (unless ANVIL_LOG_TO_BUS is off) a log sink per kind of line on one
 * NATS connection of their own — application lines to `anvil.log.<service>`, access lines to
 * `anvil.access.<service>`.
 */
export class LogOutput {
  private static readonly open = new Set<LogOutput>();
  private static heldUntilExit = false;

  /** For the application loggers. */
  readonly destination: DestinationStream;
  /** For the access logger; undefined unless `accessLog`. */
  readonly accessDestination: DestinationStream | undefined;
  private readonly sinks: LogSink[] = [];
  private readonly connection: NatsLogConnection | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: LogOutputOptions) {
    const stdout = options.stdout ?? stdoutDestination();
    if (!options.settings.toBus) {
      this.destination = stdout;
      this.accessDestination = options.accessLog ? stdout : undefined;
      return;
    }
    const instance = options.instance ?? logInstanceId();
    const connection = new NatsLogConnection({
      url: options.nats.url,
      namespace: options.nats.namespace,
      name: `${options.service}-logs`,
      onReady: () => this.sinks.forEach((sink) => sink.retryNow()),
    });
    const sink = (contract: typeof CONTRACTS.logBatch, batchIdPrefix: string): LogSink => {
      const created = new LogSink({
        service: options.service,
        batchIdPrefix,
        publisher: new NatsLogBatchPublisher(connection, contract, options.service, instance),
        bufferLines: options.settings.bufferLines,
        lingerMs: options.settings.lingerMs,
        notice: (line) => stdout.write(`${line}\n`),
      });
      this.sinks.push(created);
      return created;
    };
    this.connection = connection;
    this.destination = new TeeDestination(stdout, sink(CONTRACTS.logBatch, `${options.service}-${instance}`));
    // Both kinds share the ANVIL_LOGS stream, hence its deduplication: their batch ids must differ.
    this.accessDestination = options.accessLog
      ? new TeeDestination(stdout, sink(CONTRACTS.accessLogBatch, `${options.service}-access-${instance}`))
      : undefined;
    LogOutput.open.add(this);
  }

  /**
   * From now on, an application's shutdown leaves its log output open (its last lines are still published) until
   * `closeAll()`: for a process that calls `closeAll()` just before it exits (`bootstrapService`).
   */
  static keepOpenUntilExit(): void {
    LogOutput.heldUntilExit = true;
  }

  static get keptOpenUntilExit(): boolean {
    return LogOutput.heldUntilExit;
  }

  /** Closes every log output of the process (see `close`). */
  static async closeAll(timeoutMs?: number): Promise<void> {
    await Promise.all([...LogOutput.open].map((output) => output.close(timeoutMs)));
  }

  /** Of each sink: application lines, then access lines. */
  stats(): LogSinkStats[] {
    return this.sinks.map((sink) => sink.stats());
  }

  /** Publishes what the sinks hold (waiting at most `timeoutMs`), then closes their connection. Idempotent. */
  close(timeoutMs?: number): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all(this.sinks.map((sink) => sink.close(timeoutMs)));
      await this.connection?.close();
      LogOutput.open.delete(this);
    })();
    return this.closing;
  }
}
