import { Writable } from 'node:stream';
import { createLogger } from './create-logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
  };
}

describe('createLogger', () => {
  it('writes ECS-style names', () => {
    const out = capture();
    createLogger('gateway', 'info', out.stream).info('hello');
    expect(out.lines()[0]).toMatchObject({ 'service.name': 'gateway', 'log.level': 'info', message: 'hello' });
    expect(typeof out.lines()[0]['@timestamp']).toBe('string');
  });

  it('never logs credentials carried in request headers', () => {
    const out = capture();
    const req = { headers: { authorization: 'Bearer anvil_secret', cookie: 'session=s3cret', accept: 'json' } };
    createLogger('gateway', 'info', out.stream).info({ req }, 'request completed');
    const text = JSON.stringify(out.lines()[0]);
    expect(text).not.toContain('anvil_secret');
    expect(text).not.toContain('s3cret');
    expect(out.lines()[0]).toMatchObject({ req: { headers: { authorization: '[redacted]', accept: 'json' } } });
  });
});
