import type { SlurmJobExit, SlurmJobUsage } from './slurm-job-result';

function keyValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)=(\S*)\s*$/.exec(line.trim());
    if (match !== null) {
      values.set(match[1] ?? '', match[2] ?? '');
    }
  }
  return values;
}

function number(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]+(\.[0-9]+)?$/.test(text)) {
    return undefined;
  }
  return Number(text);
}

/** Epoch ms of the `started` file (epoch seconds, `date +%s.%N`); undefined when unreadable. */
export function parseStartedFile(text: string): number | undefined {
  const seconds = number(text.trim());
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

/** The `exit` file; undefined when it is incomplete. */
export function parseExitFile(text: string): SlurmJobExit | undefined {
  const values = keyValues(text);
  const exitCode = number(values.get('exit_code'));
  const started = number(values.get('started_at'));
  const ended = number(values.get('ended_at'));
  if (exitCode === undefined || !Number.isInteger(exitCode) || started === undefined || ended === undefined) {
    return undefined;
  }
  return { exitCode, startedMs: Math.round(started * 1000), endedMs: Math.round(ended * 1000) };
}

/**
 * GNU time's report (`-f 'wall_seconds=%e\n…'`). GNU time adds a first line when the command did not exit 0:
 * `Command exited with non-zero status N` or `Command terminated by signal N`; the latter gives `signal`.
 */
export function parseTimeFile(text: string): SlurmJobUsage {
  const values = keyValues(text);
  const user = number(values.get('user_seconds'));
  const system = number(values.get('system_seconds'));
  const wallSeconds = number(values.get('wall_seconds'));
  const maxRssKb = number(values.get('max_rss_kb'));
  const signal = number(/^Command terminated by signal ([0-9]+)/m.exec(text)?.[1]);
  return {
    ...(wallSeconds === undefined ? {} : { wallSeconds }),
    ...(user === undefined || system === undefined ? {} : { cpuSeconds: Math.round((user + system) * 100) / 100 }),
    ...(maxRssKb === undefined ? {} : { maxRssKb }),
    ...(signal === undefined ? {} : { signal }),
  };
}
