import { isSubjectToken } from '@anvil/contracts';
import { createTestBus, expectEventually, TEST_NATS_URL, type TestBus } from '@anvil/testing';
import { createLogger } from '../src/create-logger';
import { LogOutput } from '../src/log-sink/log-output';
import { CapturedStdout, parsedLines, readLogBatches } from './log-sink-stream.fixtures';

const SERVICE = 'sinktest';

describe('log sink → NATS', () => {
  let testBus: TestBus;

  beforeAll(async () => {
    testBus = await createTestBus();
  });

  afterAll(async () => {
    await testBus.cleanup();
  });

  // Each output its own instance: batch ids repeat across instances, and the stream would deduplicate them.
  function openOutput(stdout: CapturedStdout, instance: string, accessLog = false): LogOutput {
    return new LogOutput({
      service: SERVICE,
      accessLog,
      settings: { toBus: true, bufferLines: 100_000, lingerMs: 50 },
      nats: { url: TEST_NATS_URL, namespace: testBus.namespace },
      stdout,
      instance,
    });
  }

  it('publishes exactly the lines written to stdout, in order, once each, as LogBatch messages', async () => {
    const stdout = new CapturedStdout();
    const output = openOutput(stdout, 'host-1-abc');
    const logger = createLogger(SERVICE, 'info', output.destination);
    const count = 5000;
    for (let i = 0; i < count; i++) {
      // Some long lines, so batches are cut by size as well as by count.
      logger.info({ seq: i, pad: i % 97 === 0 ? 'x'.repeat(20_000) : undefined }, `line ${i}`);
    }
    logger.debug('below the level: neither on stdout nor on the bus');

    const stored = await expectEventually(async () => {
      const batches = await readLogBatches(testBus.bus, `anvil.log.${SERVICE}`);
      expect(parsedLines(batches)).toHaveLength(count);
      return batches;
    });
    await output.close();

    // Exactly what stdout got, character for character, in the same order.
    expect(stored.flatMap(({ batch }) => batch.lines)).toEqual(stdout.lines());
    expect(parsedLines(stored).map((line) => line.seq)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(parsedLines(stored)[0]).toMatchObject({ 'service.name': SERVICE, 'log.level': 'info', message: 'line 0' });
    // Batch ids: <service>-<instance>-1, -2, ..., the Nats-Msg-Id of their message.
    expect(stored.map(({ batch }) => batch.batchId)).toEqual(stored.map((_, i) => `${SERVICE}-host-1-abc-${i + 1}`));
    expect(stored.map(({ msgId }) => msgId)).toEqual(stored.map(({ batch }) => batch.batchId));
    expect(stored.every(({ batch }) => isSubjectToken(batch.batchId))).toBe(true);
    expect(stored.every(({ batch }) => batch.source === SERVICE && batch.instance === 'host-1-abc')).toBe(true);
    expect(stored.every(({ batch }) => batch.lines.length <= 1000 && batch.batchedAt !== undefined)).toBe(true);
    expect(stored.length).toBeGreaterThan(count / 1000);
  });

  it('publishes the lines still held when it is closed, and nothing after', async () => {
    const stdout = new CapturedStdout();
    const output = openOutput(stdout, 'host-2-abc', true);
    const logger = createLogger(SERVICE, 'info', output.destination);
    const access = createLogger(SERVICE, 'info', output.accessDestination);
    const before = (await readLogBatches(testBus.bus, `anvil.log.${SERVICE}`)).length;
    logger.info('last words');
    access.info({ 'event.dataset': `${SERVICE}.access` }, 'GET / 200');
    // Well before the linger: only close() can have sent them.
    await output.close();
    logger.info('after the close: stdout only');

    const logs = await readLogBatches(testBus.bus, `anvil.log.${SERVICE}`);
    expect(logs.slice(before).flatMap(({ batch }) => batch.lines.map((line) => JSON.parse(line).message))).toEqual([
      'last words',
    ]);
    // Access lines go to their own subject, with batch ids that cannot collide with the log batches'.
    const accessBatches = await readLogBatches(testBus.bus, `anvil.access.${SERVICE}`);
    expect(parsedLines(accessBatches).map((line) => line.message)).toEqual(['GET / 200']);
    expect(accessBatches[0].batch.batchId).toBe(`${SERVICE}-access-host-2-abc-1`);
    expect(stdout.parsed().map((line) => line.message)).toEqual([
      'last words',
      'GET / 200',
      'after the close: stdout only',
    ]);
  });
});
