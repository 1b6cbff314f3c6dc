/** What the watcher waits for: the rows a complete home page and a complete test page show. */
export interface PageWatchTargets {
  /** `test-row`s of the home page with every test listed. */
  homeRows: number;
  /** `test-row`s once the kind filter applied. */
  homeFilteredRows: number;
  /** `queue-row`s of a test page. */
  testRows: number;
}

/**
 * Times, in milliseconds since navigation start (`performance.now()` in the page), the moments the pages are
 * complete, into `window.__anvilBench.marks`. Run before the page's own scripts (`addInitScript`). It checks once
 * per animation frame, so a mark is the frame that paints the state (within one frame, ~16 ms):
 * - `home_rows`: every expected `test-row` is in the DOM;
 * - `filter_input`: when the browser received the first change, input or click on a `filter-*` element (the bench
 *   sends it as soon as it sees `home_rows`), and `home_filtered`: the rows show the filter's result — handled;
 * - `test_table`: every `queue-row` of the test page; `test_charts`: the three charts drew data (recharts paths with
 *   geometry); `test_ready`: both.
 */
export function pageWatchScript(targets: PageWatchTargets): string {
  return `(() => {
  const targets = ${JSON.stringify(targets)};
  const marks = {};
  window.__anvilBench = { marks };
  const MARKS = '.recharts-bar-rectangle path, .recharts-rectangle, .recharts-line-curve, .recharts-area-area, .recharts-sector';
  const count = (testId) => document.querySelectorAll('[data-testid="' + testId + '"]').length;
  const drawn = (testId) => {
    const chart = document.querySelector('[data-testid="' + testId + '"]');
    if (!chart) return false;
    for (const element of chart.querySelectorAll(MARKS)) {
      const d = element.getAttribute('d');
      if (d !== null ? /[LHVCSQTAZlhvcsqtaz]/.test(d) : element.getBoundingClientRect().height > 0) return true;
    }
    return false;
  };
  const conditions = [
    ['home_rows', () => count('test-row') >= targets.homeRows],
    ['home_filtered', () => marks.filter_input !== undefined && count('test-row') === targets.homeFilteredRows],
    ['test_table', () => count('queue-row') >= targets.testRows],
    ['test_charts', () => drawn('chart-outcomes') && drawn('chart-walltime') && drawn('chart-metric')],
    ['test_ready', () => marks.test_table !== undefined && marks.test_charts !== undefined],
  ];
  const onInput = (event) => {
    const target = event.target;
    if (marks.filter_input === undefined && target && target.closest && target.closest('[data-testid^="filter-"]')) {
      // When the browser received the input (same clock as performance.now()): a busy main thread delays the
      // listener, and that delay counts.
      marks.filter_input = event.timeStamp;
    }
  };
  for (const type of ['change', 'input', 'click']) document.addEventListener(type, onInput, true);
  const check = () => {
    const now = performance.now();
    for (const [name, condition] of conditions) {
      if (marks[name] === undefined && condition()) marks[name] = now;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;
}
