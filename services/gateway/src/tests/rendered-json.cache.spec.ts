import { RenderedJsonCache } from './rendered-json.cache';

/** A cache on a clock the test moves. */
function cacheAt(ttlMs = 1000, maxBytes = 1024): { cache: RenderedJsonCache; clock: { now: number } } {
  const clock = { now: 0 };
  return { cache: new RenderedJsonCache(ttlMs, maxBytes, () => clock.now), clock };
}

/** A rendering that answers `value`. */
const answer = (value: unknown) => (): Promise<unknown> => Promise.resolve(value);

const text = async (body: Promise<Buffer>): Promise<string> => (await body).toString();

describe(RenderedJsonCache.name, () => {
  describe('get', () => {
    it('renders the answer to JSON bytes once, and gives the same bytes until the bound has passed', async () => {
      const { cache, clock } = cacheAt();
      let renders = 0;
      const render = (): Promise<unknown> => Promise.resolve({ n: ++renders, at: new Date(0) });
      expect(await text(cache.get('k', render))).toBe('{"n":1,"at":"1970-01-01T00:00:00.000Z"}');
      clock.now = 999;
      expect(await text(cache.get('k', render))).toBe('{"n":1,"at":"1970-01-01T00:00:00.000Z"}');
      clock.now = 1000;
      expect(await text(cache.get('k', render))).toBe('{"n":2,"at":"1970-01-01T00:00:00.000Z"}');
      expect(renders).toBe(2);
    });

    it('keeps each key apart', async () => {
      const { cache } = cacheAt();
      expect(await text(cache.get('a', answer('A')))).toBe('"A"');
      expect(await text(cache.get('b', answer('B')))).toBe('"B"');
      expect(await text(cache.get('a', answer('other')))).toBe('"A"');
    });

    it('renders once for requests that come while a rendering is under way', async () => {
      const { cache } = cacheAt();
      let release: (value: unknown) => void = () => undefined;
      const render = jest.fn(() => new Promise((resolve) => (release = resolve)));
      const first = cache.get('k', render);
      const second = cache.get('k', render);
      release([1]);
      expect(await text(first)).toBe('[1]');
      expect(await text(second)).toBe('[1]');
      expect(render).toHaveBeenCalledTimes(1);
    });

    it('keeps no failed rendering: the next request renders again', async () => {
      const { cache } = cacheAt();
      await expect(cache.get('k', () => Promise.reject(new Error('not found')))).rejects.toThrow('not found');
      expect(await text(cache.get('k', answer('found')))).toBe('"found"');
    });

    it('drops the oldest answers when over its byte budget', async () => {
      const { cache, clock } = cacheAt(1000, 25);
      await cache.get('a', answer('x'.repeat(8))); // 10 bytes
      clock.now = 1;
      await cache.get('b', answer('y'.repeat(8)));
      clock.now = 2;
      await cache.get('c', answer('z'.repeat(8)));
      expect(cache.size).toBe(20);
      expect(await text(cache.get('a', answer('again')))).toBe('"again"');
      expect(await text(cache.get('c', answer('again')))).toBe(`"${'z'.repeat(8)}"`);
    });

    it('lets go of expired answers as time passes, whatever their key', async () => {
      const { cache, clock } = cacheAt();
      await cache.get('a', answer('x'.repeat(100)));
      clock.now = 1000;
      await cache.get('b', answer(1));
      expect(cache.size).toBe(1);
    });
  });
});
