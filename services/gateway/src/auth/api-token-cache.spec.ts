import { ApiTokenCache } from './api-token-cache';
import type { StoredApiToken } from './api-token-lookup.repository';

const row = (id: string): StoredApiToken => ({
  id,
  name: `token-${id}`,
  role: 'viewer',
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
});

function cacheAt(ttlMs = 5000, maxRows = 100): { cache: ApiTokenCache; clock: { now: number } } {
  const clock = { now: 0 };
  return { cache: new ApiTokenCache(ttlMs, maxRows, () => clock.now), clock };
}

describe(ApiTokenCache.name, () => {
  it('keeps a row it read until the bound has passed', async () => {
    const { cache, clock } = cacheAt();
    expect(await cache.read('h1', () => Promise.resolve(row('1')))).toEqual(row('1'));
    clock.now = 4999;
    expect(cache.get('h1')).toEqual(row('1'));
    clock.now = 5000;
    expect(cache.get('h1')).toBeUndefined();
  });

  it('keeps nothing for a token that does not exist', async () => {
    const { cache } = cacheAt();
    expect(await cache.read('unknown', () => Promise.resolve(null))).toBeNull();
    expect(cache.get('unknown')).toBeUndefined();
  });

  it('forgets a token by id at once', async () => {
    const { cache } = cacheAt();
    await cache.read('h1', () => Promise.resolve(row('1')));
    await cache.read('h2', () => Promise.resolve(row('2')));
    cache.forget('1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(row('2'));
  });

  it('does not keep a row whose read began before it was forgotten', async () => {
    const { cache } = cacheAt();
    let release: (token: StoredApiToken) => void = () => undefined;
    const reading = cache.read('h1', () => new Promise((resolve) => (release = resolve)));
    cache.forget('1');
    release(row('1'));
    expect(await reading).toEqual(row('1'));
    expect(cache.get('h1')).toBeUndefined();
  });

  it('holds at most maxRows rows, dropping the oldest', async () => {
    const { cache, clock } = cacheAt(5000, 2);
    for (const id of ['1', '2', '3']) {
      clock.now += 1;
      await cache.read(`h${id}`, () => Promise.resolve(row(id)));
    }
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(row('2'));
    expect(cache.get('h3')).toEqual(row('3'));
  });
});
