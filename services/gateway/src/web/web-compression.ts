import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { Logger } from '@nestjs/common';
import type { WebEncoding } from './web-encoding';
import type { WebFile } from './web-file';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
// Brotli 9 and gzip 9: ~120 ms and ~40 ms of a thread-pool thread for a 600 KB bundle, once per file and replica
// (brotli 11 costs 7× more for 10 % less).
const BROTLI_QUALITY = 9;
const GZIP_LEVEL = 9;

type Forms = Partial<Record<WebEncoding, Buffer | 'pending' | 'failed'>>;

/**
 * The brotli and gzip forms of the web UI's files, made in the background on first demand and kept: until a form
 * is ready (and if making it failed) the file goes out as it is.
 */
export class WebCompression {
  private readonly logger = new Logger(WebCompression.name);
  private readonly forms = new Map<WebFile, Forms>();

  /** `file` in `encoding` if that form is ready; else undefined, and it is being made. */
  get(file: WebFile, encoding: WebEncoding): Buffer | undefined {
    let forms = this.forms.get(file);
    if (forms === undefined) {
      forms = {};
      this.forms.set(file, forms);
    }
    const form = forms[encoding];
    if (form === undefined) {
      this.make(file, encoding, forms);
      return undefined;
    }
    return typeof form === 'string' ? undefined : form;
  }

  private make(file: WebFile, encoding: WebEncoding, forms: Forms): void {
    forms[encoding] = 'pending';
    const made =
      encoding === 'br'
        ? brotli(file.body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: file.body.length,
            },
          })
        : gzipAsync(file.body, { level: GZIP_LEVEL });
    made.then(
      (body) => {
        // Not worth it when it saves little (already compressed data that looked like text).
        forms[encoding] = body.length < file.body.length * 0.9 ? body : 'failed';
      },
      (error: unknown) => {
        forms[encoding] = 'failed';
        this.logger.warn(`could not ${encoding}-compress a web UI file: ${String(error)}`);
      },
    );
  }
}
