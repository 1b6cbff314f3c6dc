import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWebDist } from './load-web-dist.util';

describe('loadWebDist', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anvil-dist-spec-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every regular file by URL path, with its type, caching and validator', () => {
    mkdirSync(join(dir, 'assets', 'fonts'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'assets', 'index-a1b2.js'), 'x'.repeat(2048));
    writeFileSync(join(dir, 'assets', 'fonts', 'inter-c3d4.woff2'), Buffer.alloc(4096));
    writeFileSync(join(dir, 'assets', 'raw.bin'), 'y');

    const dist = loadWebDist(dir);

    expect([...dist.files.keys()].sort()).toEqual([
      '/assets/fonts/inter-c3d4.woff2',
      '/assets/index-a1b2.js',
      '/assets/raw.bin',
      '/index.html',
    ]);
    expect(dist.index).toBe(dist.files.get('/index.html'));
    expect(dist.index).toMatchObject({ contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
    expect(dist.files.get('/assets/index-a1b2.js')).toMatchObject({
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: 'public, max-age=31536000, immutable',
      compressible: true,
    });
    // Fonts are compressed already; the small index.html is not worth it.
    expect(dist.files.get('/assets/fonts/inter-c3d4.woff2')).toMatchObject({
      contentType: 'font/woff2',
      compressible: false,
    });
    expect(dist.index?.compressible).toBe(false);
    expect(dist.files.get('/assets/raw.bin')?.contentType).toBe('application/octet-stream');
    expect(dist.files.get('/assets/index-a1b2.js')?.etag).not.toBe(dist.index?.etag);
  });

  it('leaves out dot files and links', () => {
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    symlinkSync('/etc/hostname', join(dir, 'hostname'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');

    expect([...loadWebDist(dir).files.keys()]).toEqual(['/index.html']);
  });

  it('has no index when the folder is missing or holds no index.html', () => {
    expect(loadWebDist(join(dir, 'missing'))).toEqual({ dir: join(dir, 'missing'), files: new Map(), index: null });
    writeFileSync(join(dir, 'robots.txt'), '');
    expect(loadWebDist(dir).index).toBeNull();
  });

  it('names ANVIL_WEB_DIST when the folder holds too many files or bytes to be the web UI', () => {
    for (let i = 0; i < 3; i++) {
      writeFileSync(join(dir, `f${i}.txt`), 'x'.repeat(10));
    }
    expect(loadWebDist(dir, { maxFiles: 3, maxBytes: 30 }).files.size).toBe(3);
    expect(() => loadWebDist(dir, { maxFiles: 2, maxBytes: 1000 })).toThrow('invalid setting ANVIL_WEB_DIST');
    expect(() => loadWebDist(dir, { maxFiles: 100, maxBytes: 29 })).toThrow('invalid setting ANVIL_WEB_DIST');
  });
});
