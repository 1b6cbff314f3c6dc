/** When a requested test runs: from `startAt` to `endAt`. */
export interface TestWindow {
  startAt: Date;
  endAt: Date;
}
