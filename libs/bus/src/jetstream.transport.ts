import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { BusConnection } from './bus-connection';
import type { BusHandlerExtras } from './bus-handler.extras';
import { ConsumerRunner } from './consumer-runner';
import type { ConsumerRunnerOptions } from './consumer-runner.options';
import { errorMessage } from './decode-message.util';
import type { Delivery } from './delivery';
import { JetStreamContext } from './jetstream.context';
import { PermanentError } from './permanent.error';
import { resolvePlaceholders } from './resolve-placeholders.util';
import { streamForSubject } from './stream-for-subject.util';

export interface JetStreamTransportOptions {
  /** Service name: dead letters go to `anvil.dlq.<service>`. */
  readonly service: string;
  /** Values for `{param}` placeholders in patterns and durable names. */
  readonly params?: Readonly<Record<string, string>>;
  /** How long closing waits for handlers in flight. Default 25 s. */
  readonly drainTimeoutMs?: number;
}

/**
 * Nest transport strategy over JetStream durable pull consumers: one `ConsumerRunner` per `@EventPattern` handler.
 * Closing (Nest closes microservices before `onApplicationShutdown`, where `BusModule` closes the connection)
 * drains every runner.
 */
export class JetStreamTransport extends Server implements CustomTransportStrategy {
  private readonly runners: ConsumerRunner[] = [];

  constructor(
    private readonly bus: BusConnection,
    private readonly options: JetStreamTransportOptions,
  ) {
    super();
  }

  listen(callback: (error?: Error) => void): void {
    this.startRunners().then(
      () => callback(),
      (error: unknown) => callback(error instanceof Error ? error : new Error(errorMessage(error))),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  on(): void {
    // No transport events to subscribe to: connection state is the BusConnection's.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  private async startRunners(): Promise<void> {
    // Validate every handler before starting any, so a bad declaration fails startup with nothing half-started.
    const specs = [...this.messageHandlers.entries()].map(([pattern, handler]) => this.runnerOptions(pattern, handler));
    for (const spec of specs) {
      const runner = new ConsumerRunner(this.bus, spec);
      this.runners.push(runner);
      await runner.start();
    }
  }

  private runnerOptions(rawPattern: string, handler: MessageHandler): ConsumerRunnerOptions {
    const where = `@EventPattern('${rawPattern}')`;
    if (handler.isEventHandler !== true) {
      throw new Error(`${where}: JetStreamTransport runs event handlers only (use @EventPattern, not @MessagePattern)`);
    }
    if (handler.next !== undefined) {
      throw new Error(`${where}: several handlers share this pattern; each needs its own pattern and durable`);
    }
    const extras = parseExtras(where, handler.extras);
    const params = this.options.params ?? {};
    const pattern = resolvePlaceholders(rawPattern, params);
    const durable = resolvePlaceholders(extras.durable, params);
    const context = new JetStreamContext([pattern, durable]);
    const invoke = async (data: Delivery | Delivery[]): Promise<void> => {
      try {
        await lastValueFrom(this.transformToObservable(await handler(data, context)), { defaultValue: undefined });
      } catch (error) {
        throw handlerError(error);
      }
    };
    const common = {
      service: this.options.service,
      stream: streamForSubject(pattern),
      durable,
      filterSubject: pattern,
      concurrency: extras.concurrency,
      maxDeliver: extras.maxDeliver,
      backoffMs: extras.backoffMs,
      ackWaitMs: extras.ackWaitMs,
      drainTimeoutMs: this.options.drainTimeoutMs,
    };
    return extras.batch === true
      ? { ...common, batch: true, batchSize: extras.batchSize, handle: invoke }
      : { ...common, batch: false, handle: invoke };
  }
}

/**
 * Nest's RPC exception filter turns a thrown error into a plain `{ status, message }` object
 * (an `RpcException` such as `PermanentError` keeps its payload): turn it back into an error the runner classifies.
 */
function handlerError(error: unknown): Error {
  if (error instanceof Error) {
    return error;
  }
  if (PermanentError.isPayload(error)) {
    return new PermanentError(error.message);
  }
  return new Error(errorMessage(error));
}

function parseExtras(where: string, extras: Record<string, unknown> | undefined): BusHandlerExtras {
  const durable = extras?.durable;
  if (typeof durable !== 'string' || durable === '') {
    throw new Error(`${where}: extras.durable (the durable consumer name) is required`);
  }
  const optionalNumber = (key: string): number | undefined => {
    const value = extras?.[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw new Error(`${where}: extras.${key} must be a non-negative integer`);
    }
    return value;
  };
  const backoffMs = extras?.backoffMs;
  if (backoffMs !== undefined && (!Array.isArray(backoffMs) || !backoffMs.every((ms) => typeof ms === 'number'))) {
    throw new Error(`${where}: extras.backoffMs must be an array of milliseconds`);
  }
  return {
    durable,
    batch: extras?.batch === true,
    batchSize: optionalNumber('batchSize'),
    concurrency: optionalNumber('concurrency'),
    maxDeliver: optionalNumber('maxDeliver'),
    ackWaitMs: optionalNumber('ackWaitMs'),
    backoffMs: backoffMs,
  };
}
