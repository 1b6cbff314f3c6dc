import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`.ci/run` installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

/** The switches the issue names: no sandbox (root in a container), no GPU, and nothing that calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * One headless chromium with a fresh profile (`--user-data-dir` in a new temporary folder) and one tab. Every
 * console error and uncaught page error is collected in `errors`, with the page it happened on; the tests fail on
 * any. Screenshots go to `screenshotsDir`.
 */
export class BrowserSession {
  readonly errors: string[] = [];
  /** HTTP error answers a test provokes on purpose (e.g. a form the API refuses), while it runs. */
  private readonly expectedHttpErrors: { status: number; url: RegExp }[] = [];

  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly profileDir: string,
    private readonly screenshotsDir: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location();
        if (this.isExpectedHttpError(message.text(), where.url)) {
          return;
        }
        this.errors.push(
          `[${name}] console error on ${page.url()}: ${message.text()} (${where.url}:${where.lineNumber})`,
        );
      }
    });
    page.on('pageerror', (error) =>
      this.errors.push(`[${name}] page error on ${page.url()}: ${error.stack ?? error.message}`),
    );
  }

  static async open(name: string, baseUrl: string, screenshotsDir: string): Promise<BrowserSession> {
    const profileDir = mkdtempSync(join(tmpdir(), 'anvil-chromium-'));
    try {
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: [...CHROMIUM_ARGS],
        viewport: { width: 1440, height: 900 },
      });
      const page = context.pages()[0] ?? (await context.newPage());
      return new BrowserSession(name, baseUrl, page, context, profileDir, screenshotsDir);
    } catch (error) {
      rmSync(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Navigates to `path` on the site (a full page load). */
  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`, { waitUntil: 'load' });
  }

  /** A full-page screenshot `<session>-<name>.png`; returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(this.screenshotsDir, { recursive: true });
    const path = join(this.screenshotsDir, `${this.name}-${name}.png`);
    // From the top: a page scrolled by a click would put the sticky navigation bar in the middle of the picture.
    await this.page.evaluate('window.scrollTo(0, 0)');
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  /**
   * Runs `work` while chromium's own console line for an HTTP error answer (`Failed to load resource: the server
   * responded with a status of <status>`) is expected from URLs matching `url`: a test that makes the API refuse
   * something on purpose. Any other console error still counts.
   */
  async expectingHttpError<T>(status: number, url: RegExp, work: () => Promise<T>): Promise<T> {
    const expected = { status, url };
    this.expectedHttpErrors.push(expected);
    try {
      return await work();
    } finally {
      this.expectedHttpErrors.splice(this.expectedHttpErrors.indexOf(expected), 1);
    }
  }

  private isExpectedHttpError(text: string, url: string): boolean {
    const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(text)?.[1];
    return (
      status !== undefined &&
      this.expectedHttpErrors.some((expected) => String(expected.status) === status && expected.url.test(url))
    );
  }

  /** The errors collected so far, which are then forgotten. */
  takeErrors(): string[] {
    return this.errors.splice(0, this.errors.length);
  }

  async close(): Promise<void> {
    try {
      await this.context.close();
    } finally {
      rmSync(this.profileDir, { recursive: true, force: true });
    }
  }
}
