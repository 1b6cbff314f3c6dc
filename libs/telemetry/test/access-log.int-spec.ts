import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Controller,
  Get,
  InternalServerErrorException,
  Logger as NestLogger,
  Module,
  Param,
  type INestApplication,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { context, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Logger } from 'nestjs-pino';
import { createTestBus, expectEventually, type TestBus } from '@anvil/testing';
import { LoggingModule } from '../src/logging.module';
import { CapturedStdout, parsedLines, readLogBatches } from './log-sink-stream.fixtures';

const SERVICE = 'accesstest';

@Controller()
class ThingsController {
  private readonly logger = new NestLogger(ThingsController.name);

  @Get('things/:id')
  thing(@Param('id') id: string): { id: string } {
    this.logger.log(`looking up thing ${id}`);
    return { id };
  }

  @Get('boom')
  boom(): never {
    throw new InternalServerErrorException('boom');
  }

  @Get('slow')
  async slow(): Promise<{ ok: boolean }> {
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { ok: true };
  }

  @Get('healthz')
  health(): string {
    return 'ok';
  }
}

/**
 * Stands in for OpenTelemetry's HTTP instrumentation, which cannot patch `http` under Jest: every request is
 * handled inside a server span of its own.
 */
function traceRequests(server: Server, spans: Span[]): void {
  const tracer = trace.getTracer('access-log-test');
  const emit = server.emit.bind(server) as (event: string, ...args: unknown[]) => boolean;
  server.emit = ((event: string, ...args: unknown[]): boolean => {
    if (event !== 'request') {
      return emit(event, ...args);
    }
    const span = tracer.startSpan('HTTP request');
    spans.push(span);
    return context.with(trace.setSpan(context.active(), span), () => emit(event, ...args));
  }) as Server['emit'];
}

describe('access log (LoggingModule with accessLog)', () => {
  let testBus: TestBus;
  let app: INestApplication;
  let baseUrl: string;
  const stdout = new CapturedStdout();
  const spans: Span[] = [];
  const contextManager = new AsyncLocalStorageContextManager();
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    testBus = await createTestBus();
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    Object.assign(process.env, testBus.env, { ANVIL_LOG_LEVEL: 'info', ANVIL_LOG_LINGER_MS: '20' });

    @Module({
      imports: [LoggingModule.forRoot(SERVICE, { accessLog: true, stdout })],
      controllers: [ThingsController],
    })
    class AccessTestModule {}

    const nest = await NestFactory.create<NestExpressApplication>(AccessTestModule, { bufferLogs: true });
    nest.useLogger(nest.get(Logger));
    nest.set('trust proxy', 'loopback');
    traceRequests(nest.getHttpServer(), spans);
    await nest.listen(0, '127.0.0.1');
    app = nest;
    baseUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await testBus.cleanup();
    process.env = savedEnv;
    trace.disable();
    context.disable();
  });

  it('writes one access line per request, with its fields, to stdout and anvil.access.<service>', async () => {
    const ok = await fetch(`${baseUrl}/things/42?verbose=1&x=y`, {
      headers: { 'x-request-id': 'req-access-1', 'x-forwarded-for': '203.0.113.9', 'user-agent': 'access-test/1.0' },
    });
    expect(ok.status).toBe(200);
    const okBody = await ok.text();
    const boom = await fetch(`${baseUrl}/boom`, { method: 'GET' });
    expect(boom.status).toBe(500);
    const generatedId = boom.headers.get('x-request-id');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`${baseUrl}/nowhere`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(404);
    // The client gives up before the answer.
    await expect(fetch(`${baseUrl}/slow`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();

    const access = await expectEventually(async () => {
      const lines = parsedLines(await readLogBatches(testBus.bus, `anvil.access.${SERVICE}`));
      expect(lines).toHaveLength(4);
      return lines;
    });
    // stdout got the same lines, and no other line about requests (pino-http's automatic ones are off).
    const stdoutAccess = stdout.parsed().filter((line) => line['event.dataset'] === `${SERVICE}.access`);
    expect(stdoutAccess).toEqual(access);
    expect(stdout.parsed().filter((line) => 'req' in line || 'res' in line)).toEqual([]);

    const byMessage = new Map(access.map((line) => [line.message, line]));
    expect([...byMessage.keys()].sort()).toEqual(
      [
        'GET /things/42 200',
        'GET /boom 500',
        'DELETE /nowhere 404',
        'GET /slow 499 (client closed the connection)',
      ].sort(),
    );
    const first = byMessage.get('GET /things/42 200');
    expect(first).toEqual({
      'log.level': 'info',
      '@timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      'service.name': SERVICE,
      'event.dataset': `${SERVICE}.access`,
      'http.request.id': 'req-access-1',
      'http.request.method': 'GET',
      'url.path': '/things/42',
      'url.query': 'verbose=1&x=y',
      'http.route': '/things/:id',
      'http.response.status_code': 200,
      'event.duration': expect.any(Number),
      // Through the trusted proxy (loopback): the first hop of X-Forwarded-For.
      'client.ip': '203.0.113.9',
      'http.request.headers.x_forwarded_for': '203.0.113.9',
      'user_agent.original': 'access-test/1.0',
      'http.response.body.bytes': Buffer.byteLength(okBody),
      'trace.id': spans[0].spanContext().traceId,
      'span.id': spans[0].spanContext().spanId,
      message: 'GET /things/42 200',
    });
    expect(Number.isInteger(first?.['event.duration'])).toBe(true);
    expect(first?.['event.duration']).toBeGreaterThan(0);
    expect(byMessage.get('GET /boom 500')).toMatchObject({
      'log.level': 'warn',
      'http.request.id': generatedId,
      'http.route': '/boom',
      'trace.id': spans[1].spanContext().traceId,
    });
    expect(byMessage.get('DELETE /nowhere 404')).not.toHaveProperty('http.route');
    expect(byMessage.get('GET /slow 499 (client closed the connection)')).toMatchObject({
      'http.response.status_code': 499,
      'url.path': '/slow',
    });
    expect(byMessage.get('GET /slow 499 (client closed the connection)')).not.toHaveProperty(
      'http.response.body.bytes',
    );

    // A line the handler logged carries the request's id and trace, and went to anvil.log.<service>.
    const appLine = await expectEventually(async () => {
      const lines = parsedLines(await readLogBatches(testBus.bus, `anvil.log.${SERVICE}`));
      const found = lines.find((line) => line.message === 'looking up thing 42');
      expect(found).toBeDefined();
      return found;
    });
    expect(appLine).toMatchObject({
      'http.request.id': 'req-access-1',
      'trace.id': first?.['trace.id'],
      context: ThingsController.name,
    });
    expect(access.some((line) => line['url.path'] === '/healthz' || line['url.path'] === '/readyz')).toBe(false);
  });
});
