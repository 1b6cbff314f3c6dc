import { createLogger } from '../create-logger';
import type { LogSink } from './log-sink';
import { TeeDestination } from './tee-destination';

describe(TeeDestination.name, () => {
  it('writes each line to stdout as pino made it, and the same line without its newline to the sink', () => {
    const stdout: string[] = [];
    const pushed: string[] = [];
    const sink = { push: (line: string) => pushed.push(line) } as unknown as LogSink;
    const logger = createLogger('svc', 'info', new TeeDestination({ write: (line) => stdout.push(line) }, sink));
    logger.info({ 'http.request.id': 'r-1' }, 'hello');
    logger.debug('not at info');
    logger.warn('second');
    expect(stdout).toHaveLength(2);
    expect(stdout.every((line) => line.endsWith('}\n'))).toBe(true);
    expect(pushed).toEqual(stdout.map((line) => line.slice(0, -1)));
    expect(JSON.parse(pushed[0])).toMatchObject({ 'service.name': 'svc', 'http.request.id': 'r-1', message: 'hello' });
  });

  it('flushes stdout when pino is told to flush', () => {
    const flush = jest.fn((done: (error?: Error) => void) => done());
    const tee = new TeeDestination({ write: () => undefined, flush }, { push: () => undefined } as never);
    const done = jest.fn();
    tee.flush(done);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(done).toHaveBeenCalledTimes(1);
  });
});
