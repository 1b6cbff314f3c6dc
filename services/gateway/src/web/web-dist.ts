import type { WebFile } from './web-file';

/** The web UI's build as the gateway serves it: every file by URL path (`/index.html`, `/assets/…`). */
export interface WebDist {
  /** The folder it was read from (ANVIL_WEB_DIST). */
  readonly dir: string;
  readonly files: ReadonlyMap<string, WebFile>;
  /** `/index.html`, the answer to every page of the single-page app; null when the UI is not built. */
  readonly index: WebFile | null;
}
