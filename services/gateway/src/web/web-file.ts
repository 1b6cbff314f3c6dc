/** One file of the web UI's build, held in memory with the headers it is served with. */
export interface WebFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Hashed build outputs (`/assets/…`) are kept for a year; everything else is revalidated every time. */
  readonly cacheControl: string;
  /** A strong validator of the body (its SHA-256), quoted. */
  readonly etag: string;
  /** Worth compressing (text, 1 KiB or more): its brotli and gzip forms are made on first demand. */
  readonly compressible: boolean;
}
