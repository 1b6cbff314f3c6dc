import type { Page } from 'playwright-core';

const TIMEOUT_MS = 30_000;

export interface HomeTiming {
  /** Navigation start → every test row painted. */
  rowsMs: number;
  /** Navigation start → a filter change handled and its rows painted: the page is interactive. */
  interactiveMs: number;
  /** The filter change → its rows painted. */
  filterMs: number;
  /** Navigation start → the HTML's response end, DOMContentLoaded end, load end (the browser's own timing). */
  navigation: NavigationFigures;
}

export interface TestTiming {
  /** Navigation start → every queue row painted. */
  tableMs: number;
  /** Navigation start → the three charts drew data. */
  chartsMs: number;
  /** Navigation start → both: the page is complete. */
  readyMs: number;
  navigation: NavigationFigures;
}

export interface NavigationFigures {
  responseEndMs: number;
  domContentLoadedMs: number;
  loadMs: number;
}

type Marks = Record<string, number | undefined>;

const marksOf = (page: Page): Promise<Marks> => page.evaluate<Marks>('window.__anvilBench.marks');

async function waitForMark(page: Page, name: string): Promise<void> {
  await page.waitForFunction(`window.__anvilBench && window.__anvilBench.marks.${name} !== undefined`, undefined, {
    timeout: TIMEOUT_MS,
    polling: 'raf',
  });
}

async function navigationFigures(page: Page): Promise<NavigationFigures> {
  await page.waitForLoadState('load');
  const entry = await page.evaluate<{ r: number; d: number; l: number }>(
    `(() => { const e = performance.getEntriesByType('navigation')[0]; return { r: e.responseEnd, d: e.domContentLoadedEventEnd, l: e.loadEventEnd }; })()`,
  );
  const round = (n: number): number => Math.round(n);
  return { responseEndMs: round(entry.r), domContentLoadedMs: round(entry.d), loadMs: round(entry.l) };
}

const required = (marks: Marks, name: string): number => {
  const value = marks[name];
  if (value === undefined) {
    throw new Error(`the page did not set mark ${name}: ${JSON.stringify(marks)}`);
  }
  return value;
};

/**
 * Loads the home page, waits for its rows, then changes the kind filter to `kind` at once (a `<select>`: that
 * option; otherwise a click on the filter's control labelled `kind`) and waits for the filtered rows.
 */
export async function timeHome(page: Page, url: string, kind: string): Promise<HomeTiming> {
  await page.goto(url, { waitUntil: 'commit' });
  await waitForMark(page, 'home_rows');
  const filter = page.getByTestId('filter-kind');
  const tag = await filter.evaluate((element) => element.tagName.toLowerCase());
  if (tag === 'select') {
    await filter.selectOption(kind);
  } else {
    await filter.getByText(kind, { exact: true }).click();
  }
  await waitForMark(page, 'home_filtered');
  const marks = await marksOf(page);
  const rowsMs = required(marks, 'home_rows');
  const interactiveMs = required(marks, 'home_filtered');
  return {
    rowsMs,
    interactiveMs,
    filterMs: interactiveMs - required(marks, 'filter_input'),
    navigation: await navigationFigures(page),
  };
}

/** Loads a test page and waits for its queue table and charts. */
export async function timeTest(page: Page, url: string): Promise<TestTiming> {
  await page.goto(url, { waitUntil: 'commit' });
  await waitForMark(page, 'test_ready');
  const marks = await marksOf(page);
  return {
    tableMs: required(marks, 'test_table'),
    chartsMs: required(marks, 'test_charts'),
    readyMs: required(marks, 'test_ready'),
    navigation: await navigationFigures(page),
  };
}
