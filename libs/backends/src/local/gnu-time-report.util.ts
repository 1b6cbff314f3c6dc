import { constants } from 'node:os';

/** The `-f` format the wrapper gives GNU time: wall, user and system seconds, max RSS (KiB), exit status. */
export const GNU_TIME_FORMAT = 'anvil-time %e %U %S %M %x';

/** What GNU time measured of a job's script. */
export interface GnuTimeReport {
  readonly wallSeconds: number;
  /** User plus system CPU time of the script and every descendant it waited for. */
  readonly cpuSeconds: number;
  /** Peak resident set of the largest single process, not of the whole tree. */
  readonly maxRssKb: number;
  /** Null when the script died of a signal. */
  readonly exitCode: number | null;
  readonly signal: string | null;
}

const REPORT_LINE = /^anvil-time ([\d.]+) ([\d.]+) ([\d.]+) (\d+) (\d+)$/m;
const SIGNAL_LINE = /^Command terminated by signal (\d+)$/m;

/** `SIGTERM` for 15, and so on. */
export function signalName(signo: number): string {
  const entry = Object.entries(constants.signals).find(([, value]) => value === signo);
  return entry?.[0] ?? `signal ${signo}`;
}

/** The report GNU time wrote with `-o` and `GNU_TIME_FORMAT`, or undefined when it holds none (time was killed). */
export function parseGnuTimeReport(text: string): GnuTimeReport | undefined {
  const match = REPORT_LINE.exec(text);
  if (match === null) {
    return undefined;
  }
  const [, wall, user, system, rss, status] = match.map(Number);
  const signal = SIGNAL_LINE.exec(text);
  return {
    wallSeconds: wall ?? 0,
    cpuSeconds: Math.round(((user ?? 0) + (system ?? 0)) * 100) / 100,
    maxRssKb: rss ?? 0,
    exitCode: signal === null ? (status ?? 0) : null,
    signal: signal === null ? null : signalName(Number(signal[1])),
  };
}
