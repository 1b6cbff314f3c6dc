import { Readable } from 'node:stream';
import { CliUsageError } from './cli-usage.exception';
import { parseReplayArgs, runReplay } from './replay.command';

const traceLine = (minute: number, outcome: 'completed' | 'failed', queue = 'Q1'): string =>
  JSON.stringify({
    time: new Date(Date.UTC(2025, 2, 3, 10, minute)).toISOString(),
    queue,
    site: 'SITE-A',
    template: `T${minute % 3}`,
    outcome,
    ...(outcome === 'failed' ? { errorClass: 'site' } : {}),
  });

async function replayLines(
  lines: readonly string[],
  policy = 'hammercloud-classic',
): Promise<Record<string, unknown>[]> {
  const out: string[] = [];
  await runReplay({ policy, trace: '-' }, Readable.from(lines.map((l) => `${l}\n`)), (line) => out.push(line));
  return out.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe(parseReplayArgs.name, () => {
  it('reads the policy, the trace and an optional tick interval', () => {
    expect(parseReplayArgs(['--policy', 'anvil-default', '--trace', '-'])).toEqual({
      policy: 'anvil-default',
      trace: '-',
    });
    expect(parseReplayArgs(['--trace', 't.ndjson', '--policy', 'p.yaml', '--tick-interval', '5m'])).toEqual({
      policy: 'p.yaml',
      trace: 't.ndjson',
      tickIntervalMs: 300_000,
    });
  });

  it.each([
    [['--policy', 'anvil-default'], 'replay: --policy and --trace are required'],
    [['--policy'], 'replay: unexpected argument "--policy"'],
    [['--polcy', 'x', '--trace', '-'], 'replay: unexpected argument "--polcy"'],
    [
      ['--policy', 'x', '--trace', '-', '--tick-interval', 'soon'],
      'replay: --tick-interval must be a positive duration',
    ],
  ])('rejects %j as bad usage', (args, message) => {
    expect(() => parseReplayArgs(args)).toThrow(CliUsageError);
    expect(() => parseReplayArgs(args)).toThrow(message);
  });
});

describe(runReplay.name, () => {
  it('writes one NDJSON decision per line', async () => {
    const lines = await replayLines([
      traceLine(0, 'completed'),
      traceLine(1, 'failed'),
      traceLine(2, 'failed'),
      '',
      traceLine(3, 'failed'),
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        time: '2025-03-03T10:03:00.000Z',
        queue: 'Q1',
        action: 'exclude',
        rule: 'last-one-from-three',
        enforced: true,
        jobIds: ['line-5', 'line-3', 'line-2'],
        key: 'Q1-exclude-1',
      }),
    ]);
  });

  it('names the line and the field of a bad trace line', async () => {
    await expect(replayLines([traceLine(0, 'completed'), '{"time":"yesterday"}'])).rejects.toThrow(
      'line 2: time must be an ISO-8601 date-time with a time zone',
    );
  });

  it('rejects a trace that goes back in time, naming the line', async () => {
    await expect(replayLines([traceLine(5, 'completed'), traceLine(4, 'completed')])).rejects.toThrow(
      'line 2: time is earlier than the previous line',
    );
  });

  it('fails on an unknown policy before reading the trace', async () => {
    await expect(replayLines([], 'nope')).rejects.toThrow('policy "nope" is neither a preset');
  });
});
