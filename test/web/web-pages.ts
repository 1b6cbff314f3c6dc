import type { Locator, Page } from 'playwright-core';

/** The job counters the home page shows per test (`data-testid="counter-<name>"`). */
export const HOME_COUNTERS = ['submitted', 'running', 'completed', 'failed', 'total'] as const;
export type HomeCounters = Record<(typeof HOME_COUNTERS)[number], number>;

/** Recharts' elements that draw data: bars, line and area paths, pie sectors. */
const CHART_MARKS =
  '.recharts-bar-rectangle path, .recharts-rectangle, .recharts-line-curve, .recharts-area-area, .recharts-sector';

/** A cell's integer, whatever the grouping of its digits (`1,234`, `1 234`); NaN when it holds none. */
export function cellNumber(text: string): number {
  const digits = text.replace(/[^\d-]/g, '');
  return digits === '' ? NaN : Number(digits);
}

/** The counters of one `test-row` of the home page. */
export async function readHomeCounters(row: Locator): Promise<HomeCounters> {
  const entries = await Promise.all(
    HOME_COUNTERS.map(
      async (name) => [name, cellNumber(await row.getByTestId(`counter-${name}`).innerText())] as const,
    ),
  );
  return Object.fromEntries(entries) as HomeCounters;
}

/**
 * How many data marks a chart drew: recharts elements with geometry (a non-empty path, or a non-zero box). An axis,
 * a grid or a legend alone counts 0, so an empty chart is told from a drawn one.
 */
export async function drawnMarks(chart: Locator): Promise<number> {
  return chart.locator(CHART_MARKS).evaluateAll(
    (elements) =>
      elements.filter((element) => {
        const d = element.getAttribute('d');
        if (d !== null) {
          // A path draws something once it has a command past its first move-to.
          return /[LHVCSQTAZlhvcsqtaz]/.test(d);
        }
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      }).length,
  );
}

/** The home page's row of a test. */
export function testRow(page: Page, testId: string): Locator {
  return page.locator(`[data-testid="test-row"][data-test-id="${testId}"]`);
}

/** Waits until `locator` is visible (an error naming it after `timeout`). */
export async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

/** Picks `value` in a control: a `<select>`'s option, or else the radio or button of that label inside it. */
export async function choose(control: Locator, value: string): Promise<void> {
  const tag = await control.evaluate((element) => element.tagName.toLowerCase());
  if (tag === 'select') {
    await control.selectOption(value);
    return;
  }
  const radio = control.locator(`input[value="${value}"]`);
  if ((await radio.count()) > 0) {
    await radio.check();
    return;
  }
  await control.getByText(value, { exact: true }).click();
}

/** Fills a date-time input in the format its type takes (`datetime-local` as UTC, as the app reads it). */
export async function fillDateTime(input: Locator, when: Date): Promise<void> {
  const type = await input.getAttribute('type');
  const iso = when.toISOString();
  await input.fill(type === 'datetime-local' ? iso.slice(0, 16) : type === 'date' ? iso.slice(0, 10) : iso);
}
