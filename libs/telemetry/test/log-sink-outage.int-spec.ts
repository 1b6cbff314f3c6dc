import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectBus, provisionStreams, type BusConnection } from '@anvil/bus';
import { expectEventually, freePort, TEST_BUS_SETTINGS, uniqueName } from '@anvil/testing';
import { createLogger } from '../src/create-logger';
import { LogOutput } from '../src/log-sink/log-output';
import { CapturedStdout, parsedLines, readLogBatches } from './log-sink-stream.fixtures';

const SERVICE = 'outagetest';
const NATS_SERVER = '/usr/sbin/nats-server';

/** A private nats-server with JetStream, so this test can kill it and start it again on the same port and store. */
class PrivateNatsServer {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly storeDir: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], {
      stdio: 'ignore',
    });
    // Up once a client gets in (and JetStream answers, after it has read its store).
    await expectEventually(
      async () => {
        const bus = await connectBus({ url: this.url, namespace: '', name: 'outage-probe' });
        try {
          await bus.jsm.getAccountInfo();
        } finally {
          await bus.close();
        }
      },
      { timeoutMs: 20_000 },
    );
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

describe('log sink during a NATS outage', () => {
  let server: PrivateNatsServer;
  let storeDir: string;
  let admin: BusConnection | undefined;
  let output: LogOutput | undefined;
  const namespace = uniqueName('o');

  beforeAll(async () => {
    storeDir = mkdtempSync(join(tmpdir(), 'anvil-log-outage-'));
    server = new PrivateNatsServer(await freePort(), storeDir);
    await server.start();
    const bus = await connectBus({ url: server.url, namespace, name: 'outage-admin' });
    await provisionStreams(bus, TEST_BUS_SETTINGS);
    await bus.close();
  });

  afterAll(async () => {
    await output?.close(100);
    await admin?.close();
    await server.kill();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('keeps logging at full speed while NATS is down, and delivers every line exactly once when it is back', async () => {
    const stdout = new CapturedStdout();
    output = new LogOutput({
      service: SERVICE,
      accessLog: false,
      settings: { toBus: true, bufferLines: 100_000, lingerMs: 50 },
      nats: { url: server.url, namespace },
      stdout,
    });
    const logger = createLogger(SERVICE, 'info', output.destination);
    let seq = 0;
    const logMany = (count: number): void => {
      for (let i = 0; i < count; i++) {
        logger.info({ seq }, `line ${seq}`);
        seq += 1;
      }
    };
    const readBack = async (): Promise<Record<string, unknown>[]> => {
      admin ??= await connectBus({ url: server.url, namespace, name: 'outage-reader' });
      const lines = parsedLines(await readLogBatches(admin, `anvil.log.${SERVICE}`));
      return lines.filter((line) => typeof line.seq === 'number');
    };

    logMany(1000);
    await expectEventually(async () => expect(await readBack()).toHaveLength(1000));
    await admin?.close();
    admin = undefined;

    // Lines logged while the server dies: some batch may be in flight (stored, but its ack lost).
    logMany(500);
    await server.kill();
    const started = performance.now();
    logMany(10_000);
    const tookMs = performance.now() - started;
    // 10,000 lines cost some 30 ms of serializing; one wait on the network (a publish timeout is 5 s) is far more.
    expect(tookMs).toBeLessThan(1000);
    // The sink noticed, and said so on stdout.
    await expectEventually(() =>
      expect(stdout.parsed().some((line) => String(line.message).startsWith('log sink: cannot publish'))).toBe(true),
    );
    logMany(500);

    await server.start();
    const arrived = await expectEventually(
      async () => {
        const lines = await readBack();
        expect(lines).toHaveLength(seq);
        return lines;
      },
      { timeoutMs: 30_000 },
    );
    // Every line once, in the order written.
    expect(arrived.map((line) => line.seq)).toEqual(Array.from({ length: seq }, (_, i) => i));
    // stdout had every line all along, and says the sink recovered with nothing dropped.
    expect(stdout.parsed().filter((line) => typeof line.seq === 'number')).toHaveLength(seq);
    await expectEventually(() =>
      expect(stdout.parsed().map((line) => line.message)).toContainEqual(
        expect.stringMatching(/^log sink: publishing to .* again after [\d.]+ s; 0 lines dropped meanwhile$/),
      ),
    );
    expect(output.stats()).toEqual([expect.objectContaining({ droppedLines: 0 })]);
  });
});
