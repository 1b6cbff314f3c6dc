import { parseExitFile, parseStartedFile, parseTimeFile } from './parse-slurm-job-files.util';

describe('parseExitFile', () => {
  it('reads exit code, start and end', () => {
    expect(parseExitFile('exit_code=66\nstarted_at=1795469190.123456789\nended_at=1795469191.5\n')).toEqual({
      exitCode: 66,
      startedMs: 1795469190123,
      endedMs: 1795469191500,
    });
  });

  it('gives undefined for an incomplete file', () => {
    expect(parseExitFile('exit_code=0\n')).toBeUndefined();
    expect(parseExitFile('')).toBeUndefined();
  });
});

describe('parseTimeFile', () => {
  it('reads wall, CPU (user + system) and max RSS', () => {
    expect(parseTimeFile('wall_seconds=1.52\nuser_seconds=1.20\nsystem_seconds=0.11\nmax_rss_kb=3120\n')).toEqual({
      wallSeconds: 1.52,
      cpuSeconds: 1.31,
      maxRssKb: 3120,
    });
  });

  it('skips the line GNU time adds for a non-zero exit', () => {
    expect(parseTimeFile('Command exited with non-zero status 3\nwall_seconds=0.00\nmax_rss_kb=10\n')).toEqual({
      wallSeconds: 0,
      maxRssKb: 10,
    });
  });

  it('reads the signal that ended the command', () => {
    expect(parseTimeFile('Command terminated by signal 9\nwall_seconds=3.00\n').signal).toBe(9);
  });
});

describe('parseStartedFile', () => {
  it('reads epoch seconds as milliseconds', () => {
    expect(parseStartedFile('1795469190.5\n')).toBe(1795469190500);
  });

  it('gives undefined for a file cut short', () => {
    expect(parseStartedFile('')).toBeUndefined();
  });
});
