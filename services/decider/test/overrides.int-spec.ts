import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { Publisher } from '@anvil/bus';
import { CONTRACTS, OverrideMode, QueueOverrideRequestedSchema } from '@anvil/contracts';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  type ServiceProcess,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { DeciderFixtures, type GoldenTest } from './decider-fixtures';
import { DeciderProbe } from './decider-probe';
import { startDecider, withOutput } from './decider-process';
import { recordDecisions, type DecisionRecorder } from './decision-recorder';
import { jobEvent, publishInOrder, type Outcome } from './job-events';

interface WebhookCall {
  key: string | undefined;
  body: { decisionId: string; queueId: string; status: string; source: string };
  answered: number;
}

// Manual overrides beat the policy; external actuators (here the webhook) follow enforced changes.
describe('decider overrides and actuators', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let publisher: Publisher;
  let probe: DeciderProbe;
  let recorder: DecisionRecorder;
  let fixtures: DeciderFixtures;
  let tests: GoldenTest[];
  let decider: ServiceProcess | undefined;
  let server: Server;
  let start: () => ServiceProcess;
  const calls: WebhookCall[] = [];
  const t0 = Date.now() - 3 * 3_600_000;

  const override = async (queueId: string, mode: OverrideMode, actor: string, expiresAt?: number) => {
    const requestId = `req-${randomUUID()}`;
    await publisher.publish(
      CONTRACTS.queueOverrideRequested,
      create(QueueOverrideRequestedSchema, {
        requestId,
        queueId,
        mode,
        reason: `${actor} says so`,
        actor,
        expiresAt: expiresAt === undefined ? undefined : timestampFromMs(expiresAt),
        requestedAt: timestampFromMs(Date.now()),
      }),
    );
    return requestId;
  };
  /** One result per golden template per step, `minutes` apart from `start`. */
  const results = async (queueId: string, outcomes: readonly Outcome[], start: number, minutes = 5) => {
    const events = outcomes.flatMap((outcome, i) =>
      tests.map((t, j) =>
        jobEvent({ testId: t.testId, queueId, outcome, at: start + i * minutes * 60_000 + j * 1000 }),
      ),
    );
    await publishInOrder(publisher, events);
  };
  const ticksLogged = () => decider?.logs.filter((l) => l.message === 'tick').length ?? 0;
  /** Caught up with the stream, then a few more ticks: whatever the timer would do has been done. */
  const settled = async () => {
    await expectEventually(() => probe.expectCaughtUp()).catch(withOutput([decider]));
    const ticks = ticksLogged();
    await expectEventually(() => expect(ticksLogged()).toBeGreaterThanOrEqual(ticks + 3));
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    publisher = new Publisher(bus.bus);
    probe = new DeciderProbe(db.dataSource, bus.bus);
    recorder = await recordDecisions(bus.bus);
    fixtures = new DeciderFixtures(db.dataSource);
    for (const id of ['QM', 'QO', 'QW', 'QE', 'QR']) {
      await fixtures.queue(id, id === 'QW' ? 'S2' : 'S1', { labels: { vo: 'atlas' } });
    }
    tests = [await fixtures.test(true), await fixtures.test(true)];
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const parsed = JSON.parse(body) as WebhookCall['body'];
        // The first call about QW fails: the actuation is retried with backoff.
        const answered = parsed.queueId === 'QW' && !calls.some((c) => c.body.queueId === 'QW') ? 500 : 204;
        calls.push({ key: req.headers['idempotency-key'] as string | undefined, body: parsed, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    start = () =>
      startDecider(
        { ...db.env, ...bus.env },
        {
          id: 'decider-overrides',
          tickMs: 200,
          // No checkpoint during the test after the first: a restart replays everything from the journal.
          extra: {
            ANVIL_DECIDER_ACTUATORS: 'webhook',
            ANVIL_DECIDER_WEBHOOK_URL: url,
            ANVIL_DECIDER_CHECKPOINT_MS: '600000',
          },
        },
      );
    decider = start();
  });

  afterAll(async () => {
    await decider?.stop();
    await recorder?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await bus?.cleanup();
    await db?.drop();
  });

  it('keeps a manual exclusion through failures and recovery evidence, and hands the queue back on clear', async () => {
    const requestId = await override('QM', OverrideMode.EXCLUDE, 'alice');
    await expectEventually(async () =>
      expect(await fixtures.queueStatus('QM')).toMatchObject({
        status: 'excluded',
        status_source: 'manual',
        status_set_by: 'alice',
      }),
    ).catch(withOutput([decider]));

    // A black hole, then every golden template completing for two hours: the policy would recover it.
    await results('QM', ['failed', 'failed', 'failed', 'failed'], t0);
    await results('QM', Array<Outcome>(24).fill('completed'), t0 + 30 * 60_000);
    await settled();
    expect(await fixtures.queueStatus('QM')).toMatchObject({ status: 'excluded', status_source: 'manual' });
    const decisions = (await probe.decisions()).filter((d) => d.queue_id === 'QM');
    expect(decisions.filter((d) => d.action === 'override')).toEqual([
      expect.objectContaining({
        source: 'manual',
        actor: 'alice',
        enforced: true,
        evidence: expect.objectContaining({ requestId }),
      }),
    ]);
    expect(decisions.filter((d) => d.action !== 'override' && d.enforced)).toEqual([]);
    const overridden = recorder.of(CONTRACTS.queueOverridden).filter((m) => m.queueId === 'QM');
    expect(overridden).toEqual([
      expect.objectContaining({ mode: OverrideMode.EXCLUDE, status: 'excluded', actor: 'alice' }),
    ]);
    expect(overridden[0].labels).toMatchObject({ site: 'S1', scope: 'atlas', vo: 'atlas' });

    await override('QM', OverrideMode.CLEAR, 'bob');
    await expectEventually(async () =>
      expect(await fixtures.queueStatus('QM')).toMatchObject({ status: 'online', status_source: 'policy' }),
    );
    await expectEventually(() =>
      expect(
        recorder
          .of(CONTRACTS.queueOverridden)
          .filter((m) => m.queueId === 'QM')
          .map((m) => m.mode),
      ).toEqual([OverrideMode.EXCLUDE, OverrideMode.CLEAR]),
    );
  });

  it('keeps a queue online under an online override: the detection is recorded, not enforced', async () => {
    await override('QO', OverrideMode.ONLINE, 'carol');
    await expectEventually(async () =>
      expect(await fixtures.queueStatus('QO')).toMatchObject({ status: 'online', status_source: 'manual' }),
    );
    await results('QO', ['completed', 'failed', 'failed', 'failed', 'failed'], t0);
    await settled();
    const detections = (await probe.decisions()).filter((d) => d.queue_id === 'QO' && d.action === 'exclude');
    expect(detections.length).toBeGreaterThan(0);
    expect(detections.every((d) => !d.enforced && d.evidence.blockedBy === 'manual-override')).toBe(true);
    expect(await fixtures.queueStatus('QO')).toMatchObject({ status: 'online', status_source: 'manual' });
  });

  it('lets an override expire on the timer, recorded as a clear by expiry', async () => {
    await override('QE', OverrideMode.EXCLUDE, 'dave', Date.now() + 1500);
    await expectEventually(async () => expect((await fixtures.queueStatus('QE')).status).toBe('excluded'));
    await expectEventually(async () =>
      expect(await fixtures.queueStatus('QE')).toMatchObject({ status: 'online', status_source: 'policy' }),
    );
    const lapsed = (await probe.decisions()).filter((d) => d.queue_id === 'QE' && d.actor === 'expiry');
    expect(lapsed).toEqual([
      expect.objectContaining({
        action: 'override',
        source: 'manual',
        evidence: expect.objectContaining({ mode: 'clear' }),
      }),
    ]);
    await expectEventually(() =>
      expect(
        recorder
          .of(CONTRACTS.queueOverridden)
          .filter((m) => m.queueId === 'QE')
          .map((m) => [m.mode, m.actor]),
      ).toEqual([
        [OverrideMode.EXCLUDE, 'dave'],
        [OverrideMode.CLEAR, 'expiry'],
      ]),
    );
  });

  it('tells the webhook about enforced changes, retrying a failed call with the same idempotency key', async () => {
    await results('QW', ['completed', 'failed', 'failed', 'failed'], t0);
    const exclusion = await expectEventually(async () => {
      const found = (await probe.decisions()).find((d) => d.queue_id === 'QW' && d.action === 'exclude');
      expect(found?.enforced).toBe(true);
      return found!;
    });
    expect(await fixtures.queueStatus('QW')).toMatchObject({ status: 'excluded', status_source: 'policy' });
    await expectEventually(() =>
      expect(calls.filter((c) => c.key === exclusion.id && c.answered === 204)).toHaveLength(1),
    ).catch(withOutput([decider]));
    expect(calls.find((c) => c.key === exclusion.id)?.body).toMatchObject({
      decisionId: exclusion.id,
      queueId: 'QW',
      status: 'excluded',
      source: 'policy',
    });
    // The first call failed and was retried under the same key.
    expect(calls.filter((c) => c.key === exclusion.id).map((c) => c.answered)).toEqual([500, 204]);
    // Manual changes go to the webhook too; the last word about QM is the clear that put it back online.
    const qm = calls.filter((c) => c.body.queueId === 'QM');
    expect(qm.at(-1)?.body).toMatchObject({ status: 'online', source: 'manual' });
  });

  it('keeps a manual exclusion across a crash: the override is replayed from the journal', async () => {
    await override('QR', OverrideMode.EXCLUDE, 'erin');
    await expectEventually(async () => expect((await fixtures.queueStatus('QR')).status).toBe('excluded'));
    await decider!.kill();
    decider = start();
    await expectEventually(() => expect(decider!.hasLogged('deciding')).toBe(true)).catch(withOutput([decider]));
    const restored = decider.logs.find((line) => line.message === 'engine state restored')!;
    expect(Number(restored.replayedJournal)).toBeGreaterThan(0);

    // The restarted engine still holds the override: failures then a long run of successes change nothing.
    await results('QR', ['failed', 'failed', 'failed', 'failed'], t0);
    await results('QR', Array<Outcome>(24).fill('completed'), t0 + 30 * 60_000);
    await settled();
    expect(await fixtures.queueStatus('QR')).toMatchObject({ status: 'excluded', status_source: 'manual' });
    const qr = (await probe.decisions()).filter((d) => d.queue_id === 'QR');
    expect(qr.filter((d) => d.action !== 'override').every((d) => !d.enforced)).toBe(true);
    expect(qr.some((d) => d.action === 'exclude' && d.evidence.blockedBy === 'manual-override')).toBe(true);
  });
});
