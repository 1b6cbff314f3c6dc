import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { ConfigException } from '@anvil/config';
import { CONTENT_TYPES } from './content-types.constant';
import type { WebDist } from './web-dist';
import type { WebFile } from './web-file';

/** A build bigger than this is not the web UI (ANVIL_WEB_DIST pointing at the wrong folder): startup fails. */
export const WEB_DIST_MAX_BYTES = 64 * 1024 * 1024;
export const WEB_DIST_MAX_FILES = 5000;
/** Vite names what it writes here by content hash: a changed file gets a new name, so it may be cached for ever. */
const HASHED_DIR = 'assets';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const COMPRESSIBLE_FROM_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|wasm)|image\/svg\+xml)/;

/**
 * Reads the web UI's build in `dir` into memory, once: requests never touch the disk. Dot files, links and other
 * non-regular files are left out. A missing folder or `index.html` is not an error (`index` null): the gateway
 * serves the API without the UI.
 */
export function loadWebDist(
  dir: string,
  limits = { maxBytes: WEB_DIST_MAX_BYTES, maxFiles: WEB_DIST_MAX_FILES },
): WebDist {
  const files = new Map<string, WebFile>();
  if (existsSync(dir) && lstatSync(dir).isDirectory()) {
    let bytes = 0;
    for (const path of regularFiles(dir)) {
      const body = readFileSync(path);
      bytes += body.length;
      if (bytes > limits.maxBytes || files.size >= limits.maxFiles) {
        throw new ConfigException(
          'ANVIL_WEB_DIST',
          `${dir} holds more than ${limits.maxFiles} files or ${limits.maxBytes} bytes: it should be the web ` +
            'UI’s build (services/web/dist)',
        );
      }
      const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
      files.set(urlPath, webFile(urlPath, body));
    }
  }
  return { dir, files, index: files.get('/index.html') ?? null };
}

function webFile(urlPath: string, body: Buffer): WebFile {
  const contentType = CONTENT_TYPES[extname(urlPath).toLowerCase()] ?? 'application/octet-stream';
  return {
    body,
    contentType,
    cacheControl: urlPath.startsWith(`/${HASHED_DIR}/`) ? IMMUTABLE : REVALIDATE,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    compressible: body.length >= COMPRESSIBLE_FROM_BYTES && COMPRESSIBLE.test(contentType),
  };
}

function* regularFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* regularFiles(path);
    } else if (entry.isFile()) {
      yield path;
    }
  }
}
