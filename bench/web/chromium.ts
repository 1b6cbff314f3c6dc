import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  page: Page;
  /** Empties the HTTP cache (the next load fetches every asset again). */
  clearCache(): Promise<void>;
  close(): Promise<void>;
}

/** Debian's headless chromium with a fresh profile and one tab, as the browser tests run it. */
export async function launchChromium(): Promise<Chromium> {
  const profileDir = mkdtempSync(join(tmpdir(), 'anvil-bench-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1440, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const opened = context;
    return {
      page,
      async clearCache() {
        const cdp = await opened.newCDPSession(page);
        await cdp.send('Network.clearBrowserCache');
        await cdp.detach();
      },
      async close() {
        await opened.close();
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}
