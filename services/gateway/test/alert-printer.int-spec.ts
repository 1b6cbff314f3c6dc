import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Publisher } from '@anvil/bus';
import {
  CONTRACTS,
  DecisionSource,
  OutageChangedSchema,
  OverrideMode,
  QueueDecidedSchema,
  QueueOverriddenSchema,
  QueueOverrideRequestedSchema,
  STREAMS,
} from '@anvil/contracts';
import { createTestBus, expectEventually, type TestBus } from '@anvil/testing';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLE = join(ROOT, 'docs', 'examples', 'alert-printer.mjs');
const BUILT_CONTRACTS = join(ROOT, 'libs', 'contracts', 'dist', 'gen', 'anvil', 'v1', 'decision_pb.js');
const NOW = new Date('2030-01-01T12:00:00Z');

/** The example as a child process; its stdout lines are kept. */
class Printer {
  readonly lines: string[] = [];
  readonly stderr: string[] = [];
  private readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(durable: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [EXAMPLE, durable], {
      env: { ...process.env, ...env, ALERT_GROUP_WINDOW_MS: '300' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (buffer + chunk).split('\n');
      buffer = parts.pop() ?? '';
      this.lines.push(...parts);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

describe('docs/examples/alert-printer.mjs', () => {
  let bus: TestBus;
  let publisher: Publisher;
  const printers: Printer[] = [];

  beforeAll(async () => {
    if (!existsSync(BUILT_CONTRACTS)) {
      throw new Error(
        `${BUILT_CONTRACTS} is missing: run \`npm run build\` first (the example uses the built contracts)`,
      );
    }
    bus = await createTestBus();
    publisher = new Publisher(bus.bus);
  });

  afterAll(async () => {
    await Promise.all(printers.map((printer) => printer.stop()));
    await bus?.cleanup();
  });

  const start = (durable: string): Printer => {
    const printer = new Printer(durable, bus.env);
    printers.push(printer);
    return printer;
  };

  const decided = (id: string, queueId: string, site: string, action: 'exclude' | 'recover', extra = {}) =>
    publisher.publish(
      action === 'exclude' ? CONTRACTS.queueExcluded : CONTRACTS.queueRecovered,
      create(QueueDecidedSchema, {
        decisionId: id,
        queueId,
        action,
        source: DecisionSource.POLICY,
        policyName: 'anvil-default',
        policyVersion: 1,
        reason: `${action} ${queueId}`,
        enforced: true,
        evidence: { rule: action === 'exclude' ? 'sprt' : 'last-two-completed' },
        decidedAt: timestampFromDate(NOW),
        labels: { site, backend: 'sim' },
        ...extra,
      }),
    );

  const outage = (change: 'opened' | 'closed', queueIds: string[]) =>
    publisher.publish(
      change === 'opened' ? CONTRACTS.outageOpened : CONTRACTS.outageClosed,
      create(OutageChangedSchema, {
        outageId: 'o1',
        change,
        scope: 'site:BNL',
        reason: 'every BNL queue failing',
        openedAt: timestampFromDate(NOW),
        closedAt: change === 'closed' ? timestampFromDate(NOW) : undefined,
        queueIds,
      }),
    );

  it('replays the stream into grouped alerts, inhibiting the queues of an outage', async () => {
    await decided('d1', 'cern-q1', 'CERN', 'exclude');
    await decided('d2', 'cern-q2', 'CERN', 'exclude', { evidence: { rule: 'last-three-from-one' } });
    await decided('d3', 'cern-q3', 'CERN', 'exclude', { enforced: false });
    await decided('d4', 'bnl-q2', 'BNL', 'exclude');
    await outage('opened', ['bnl-q1', 'bnl-q2']);
    await decided('d5', 'bnl-q1', 'BNL', 'exclude');
    await publisher.publish(
      CONTRACTS.queueOverridden,
      create(QueueOverriddenSchema, {
        decisionId: 'd6',
        queueId: 'ral-q1',
        mode: OverrideMode.EXCLUDE,
        reason: 'SE down',
        actor: 'alice',
        expiresAt: timestampFromDate(new Date('2030-01-02T00:00:00Z')),
        decidedAt: timestampFromDate(NOW),
        status: 'excluded',
        labels: { site: 'RAL' },
      }),
    );
    await publisher.publish(
      CONTRACTS.queueOverrideRequested,
      create(QueueOverrideRequestedSchema, {
        requestId: 'r1',
        queueId: 'ral-q1',
        mode: OverrideMode.EXCLUDE,
        actor: 'alice',
        requestedAt: timestampFromDate(NOW),
      }),
    );
    await decided('d7', 'fzk-q1', 'FZK', 'recover');
    await outage('closed', ['bnl-q2']);
    await decided('d8', 'bnl-q2', 'BNL', 'recover', { source: DecisionSource.GUARD, outageId: 'o1' });

    const printer = start('test-printer');
    const expected = [
      '[OUTAGE] opened o1 scope=site:BNL: every BNL queue failing (2 queue(s))',
      '[OVERRIDE] queue=ral-q1 exclude by alice -> excluded until 2030-01-02T00:00:00.000Z: SE down',
      '[OUTAGE] closed o1 scope=site:BNL: 1 queue(s) recovered, 2 alert(s) inhibited',
      '[FIRING] site=CERN excluded 2 queue(s): cern-q1 (sprt), cern-q2 (last-three-from-one)',
      '[RESOLVED] site=FZK recovered 1 queue(s): fzk-q1 (last-two-completed)',
    ];
    await expectEventually(() => expect([...printer.lines].sort()).toEqual([...expected].sort()), {
      timeoutMs: 15_000,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\nstderr: ${printer.stderr.join('')}`);
    });
    // Immediate alerts in stream order, grouped ones after the window.
    expect(printer.lines.slice(0, 3)).toEqual(expected.slice(0, 3));

    // Every message acked once its alert was printed (or inhibited, or skipped).
    const stream = bus.bus.namespace.stream(STREAMS.DECISIONS.name);
    await expectEventually(async () => {
      const info = await bus.bus.jsm.consumers.info(stream, 'test-printer');
      expect({ pending: info.num_pending, unacked: info.num_ack_pending }).toEqual({ pending: 0, unacked: 0 });
    });
    expect(await printer.stop()).toBe(0);
  });

  it('resumes its durable consumer where it stopped, without printing old alerts again', async () => {
    const printer = start('test-printer');
    await decided('d9', 'desy-q1', 'DESY', 'exclude');
    await expectEventually(() =>
      expect(printer.lines).toEqual(['[FIRING] site=DESY excluded 1 queue(s): desy-q1 (sprt)']),
    );
    expect(await printer.stop()).toBe(0);
  });
});
