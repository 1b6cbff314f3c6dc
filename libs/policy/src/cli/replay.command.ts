import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { loadPolicySource } from '../load-policy-source.util';
import { parseDuration } from '../policy/parse-duration.util';
import { parseTraceLine } from '../replay/parse-trace-line.util';
import { ReplaySession } from '../replay/replay-session';
import { toReplayLine } from '../replay/to-replay-line.util';
import { TraceLineError } from '../replay/trace-line.exception';
import type { EngineDecision } from '../engine.types';
import { CliUsageError } from './cli-usage.exception';

export interface ReplayArgs {
  readonly policy: string;
  readonly trace: string;
  readonly tickIntervalMs?: number;
}

export function parseReplayArgs(args: readonly string[]): ReplayArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = args[i + 1];
    if (!['--policy', '--trace', '--tick-interval'].includes(flag) || value === undefined) {
      throw new CliUsageError(`replay: unexpected argument ${JSON.stringify(flag)}`);
    }
    values.set(flag, value);
  }
  const policy = values.get('--policy');
  const trace = values.get('--trace');
  if (policy === undefined || trace === undefined) {
    throw new CliUsageError('replay: --policy and --trace are required');
  }
  const tick = values.get('--tick-interval');
  const tickIntervalMs = tick === undefined ? undefined : parseDuration(/^\d+$/.test(tick) ? Number(tick) : tick);
  if (tick !== undefined && !tickIntervalMs) {
    throw new CliUsageError(`replay: --tick-interval must be a positive duration (e.g. 60s, 5m), got ${tick}`);
  }
  return { policy, trace, ...(tickIntervalMs ? { tickIntervalMs } : {}) };
}

/** Streams the trace line by line (readline): memory stays bounded by the engine's state, not the trace. */
export async function runReplay(args: ReplayArgs, stdin: Readable, write: (line: string) => void): Promise<void> {
  const session = new ReplaySession(loadPolicySource(args.policy), args.tickIntervalMs);
  const emit = (decisions: readonly EngineDecision[]): void => {
    for (const d of decisions) {
      write(`${JSON.stringify(toReplayLine(d))}\n`);
    }
  };
  const input = args.trace === '-' ? stdin : createReadStream(args.trace, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') {
      continue;
    }
    const outcome = parseTraceLine(line, lineNumber);
    if (outcome.time < previous) {
      throw new TraceLineError(lineNumber, 'time', 'is earlier than the previous line (a trace is sorted by time)');
    }
    previous = outcome.time;
    emit(session.feed(outcome));
  }
  emit(session.finish());
}
