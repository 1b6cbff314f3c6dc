import { Inject, Injectable } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import type { JsMsg } from 'nats';
import { BUS_CONNECTION, type BusConnection } from '@anvil/bus';
import { QueueOverrideRequestedSchema, STREAMS } from '@anvil/contracts';
import { OutcomeReader } from '../outcomes/outcome-reader';
import { applyOverride } from '../overrides/apply-override.util';
import { readStreamRange } from '../stream/read-stream-range.util';
import { trackEpisodes, type EngineSession } from './engine-session';
import type { JournalEntry } from './engine-state.repository';

export interface ReplayCounts {
  readonly messages: number;
  readonly journal: number;
  /** Time spent turning messages into outcomes, and in the engine. */
  readonly readMs: number;
  readonly engineMs: number;
}

/**
 * Brings a restored engine from its checkpoint to the last commit: the job stream from the checkpoint's
 * position up to the committed one (one pass), with the journal's ticks and overrides applied between the
 * same two events and with the same clocks as originally. The decisions this produces were committed
 * before; they are dropped.
 */
@Injectable()
export class EngineReplayer {
  constructor(
    @Inject(BUS_CONNECTION) private readonly bus: BusConnection,
    private readonly reader: OutcomeReader,
  ) {}

  async replay(
    session: EngineSession,
    journal: readonly JournalEntry[],
    committedJobsSeq: number,
  ): Promise<ReplayCounts> {
    let next = 0;
    let readMs = 0;
    let engineMs = 0;
    // Journal entries that came after job event `seq` (or earlier).
    const applyJournalUpTo = async (seq: number): Promise<void> => {
      while (next < journal.length && journal[next].jobsSeq <= seq) {
        await this.apply(session, journal[next]);
        next += 1;
      }
    };
    const observe = async (msgs: readonly JsMsg[]): Promise<void> => {
      if (msgs.length === 0) {
        return;
      }
      const readAt = performance.now();
      const outcomes = await this.reader.outcomes(session, msgs);
      const observeAt = performance.now();
      for (const outcome of outcomes) {
        trackEpisodes(session, session.engine.observe(outcome));
      }
      readMs += observeAt - readAt;
      engineMs += performance.now() - observeAt;
    };

    await applyJournalUpTo(session.jobsSeq);
    const target = Math.max(committedJobsSeq, journal.at(-1)?.jobsSeq ?? 0);
    let messages = 0;
    if (target > session.jobsSeq) {
      messages = await readStreamRange(this.bus, 'JOBS', 'anvil.job.>', session.jobsSeq + 1, target, async (chunk) => {
        let run: JsMsg[] = [];
        for (const msg of chunk) {
          const seq = msg.info.streamSequence;
          if (next < journal.length && journal[next].jobsSeq < seq) {
            await observe(run);
            run = [];
            await applyJournalUpTo(seq - 1);
          }
          run.push(msg);
        }
        await observe(run);
      });
      session.jobsSeq = target;
    }
    await applyJournalUpTo(Number.MAX_SAFE_INTEGER);
    return { messages, journal: journal.length, readMs: Math.round(readMs), engineMs: Math.round(engineMs) };
  }

  private async apply(session: EngineSession, entry: JournalEntry): Promise<void> {
    switch (entry.kind) {
      case 'tick':
        trackEpisodes(session, session.engine.tick(entry.at));
        break;
      case 'override': {
        const seq = entry.overrideSeq ?? 0;
        const stored = await this.bus.jsm.streams.getMessage(this.bus.namespace.stream(STREAMS.DECISIONS.name), {
          seq,
        });
        const command = fromBinary(QueueOverrideRequestedSchema, stored.data);
        trackEpisodes(session, applyOverride(session.engine, command, entry.at).decisions);
        session.overridesSeq = Math.max(session.overridesSeq, seq);
        break;
      }
    }
  }
}
