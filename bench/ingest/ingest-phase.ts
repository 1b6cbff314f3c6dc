import { randomUUID } from 'node:crypto';
import type { NatsConnection } from 'nats';
import type { BusConnection } from '@anvil/bus';
import { AckObserver } from './ack-observer';
import { AsyncJobPublisher } from './async-job-publisher';
import type { BenchGrid } from './bench-grid';
import type { JobEventMix } from './job-event-mix.util';
import { jobStateEvent } from './job-state-event.util';

export interface IngestPhaseInput {
  readonly bus: BusConnection;
  /** Connection the events are published on. */
  readonly publishing: NatsConnection;
  /** Namespaced name of the job stream. */
  readonly stream: string;
  /** The consumer whose acks mean "committed"; undefined: publish only. */
  readonly durable: string | undefined;
  readonly grid: BenchGrid;
  readonly mix: JobEventMix;
  /** Publishes awaiting their stream ack at most. */
  readonly window: number;
  /** Events per second to publish at; 0: as fast as JetStream takes them. */
  readonly rate: number;
}

export interface IngestPhaseResult {
  /** ms since the epoch. */
  readonly firstPublishMs: number;
  /** When the last stream ack came back. */
  readonly publishedMs: number;
  /** When the consumer acked the last event (NaN when publishing only). */
  readonly ackedMs: number;
  /** Publish → acked by the consumer (ms) of each final event (those the commit lag is read from), ascending. */
  readonly ackLagsMs: Float64Array;
}

// A consumer that acks nothing for this long is stuck: the bench stops and says so.
const STALL_MS = 120_000;

/**
 * Publishes the mix (as fast as JetStream takes it, with at most `window` stream acks outstanding, or at `rate`)
 * while the consumer works; then waits until the consumer acked every event. `occurred_at` of each event is the
 * moment it is published.
 */
export async function runIngestPhase(input: IngestPhaseInput): Promise<IngestPhaseResult> {
  const { bus, stream, durable, grid, mix } = input;
  const ids = { ...grid, jobIds: Array.from({ length: mix.jobs }, () => randomUUID()) };
  const firstSeq = (await bus.jsm.streams.info(stream)).state.last_seq + 1;
  const acks = durable === undefined ? undefined : new AckObserver(bus.nc, stream, durable, firstSeq, mix.events);
  const publisher = new AsyncJobPublisher(input.publishing, bus.namespace, input.window);
  const publishedAt = new Float64Array(mix.events);
  const isFinal = new Uint8Array(mix.events);
  const submittedAt = new Float64Array(mix.jobs);

  await acks?.start();
  try {
    const firstPublishMs = Date.now();
    let i = 0;
    for (const planned of mix.order()) {
      if (publisher.full) {
        await publisher.settle();
      }
      if (input.rate > 0) {
        await untilDue(firstPublishMs + (i * 1000) / input.rate);
      }
      const now = Date.now();
      if (planned.phase === 'submitted') {
        submittedAt[planned.job] = now;
      }
      isFinal[i] = planned.phase === 'final' ? 1 : 0;
      publishedAt[i++] = now;
      publisher.publish(jobStateEvent(planned, mix.profile(planned.job), ids, submittedAt[planned.job], now));
    }
    await publisher.settle(true);
    const publishedMs = Date.now();
    if (publisher.failed.length > 0 || publisher.duplicated > 0) {
      throw new Error(
        `${publisher.failed.length} publish(es) refused (e.g. ${publisher.failed[0]}), ` +
          `${publisher.duplicated} dropped as duplicates`,
      );
    }
    const lastSeq = (await bus.jsm.streams.info(stream)).state.last_seq;
    if (lastSeq !== firstSeq + mix.events - 1) {
      throw new Error(`the stream got ${lastSeq - firstSeq + 1} messages for ${mix.events} events`);
    }
    const ackedMs = acks === undefined ? NaN : await acks.waitUntilAllAcked(STALL_MS);
    const lags = new Float64Array(acks === undefined ? 0 : mix.events);
    lags.forEach((_, n) => (lags[n] = (acks?.ackedAtMs[n] ?? NaN) - publishedAt[n]));
    return { firstPublishMs, publishedMs, ackedMs, ackLagsMs: lags.filter((_, n) => isFinal[n] === 1).sort() };
  } finally {
    publisher.close();
    acks?.stop();
  }
}

/** Waits until `atMs` if it is 5 ms away or more: publishes due meanwhile go out in one burst, sharing writes. */
async function untilDue(atMs: number): Promise<void> {
  const wait = atMs - Date.now();
  if (wait >= 5) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
