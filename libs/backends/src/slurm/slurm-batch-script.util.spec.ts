import { bashQuote, slurmBatchScript, TIME_LIMIT_KILL_AFTER_SECONDS } from './slurm-batch-script.util';

const input = {
  jobId: 'j1',
  testId: 't1',
  queueId: 'q1',
  jobDir: '/work/t1/j1',
  environment: { ANVIL_JOB_ID: 'j1', GREETING: "it's\nfine" },
};

describe('slurmBatchScript', () => {
  it('starts as a bash script that works in the job directory', () => {
    const lines = slurmBatchScript(input).split('\n');

    expect(lines[0]).toBe('#!/bin/bash');
    expect(lines).toContain("cd '/work/t1/j1' || exit 1");
  });

  it('exports every variable of the environment, quoted for bash', () => {
    const script = slurmBatchScript(input);

    expect(script).toContain("export ANVIL_JOB_ID='j1'\n");
    expect(script).toContain("export GREETING='it'\\''s\nfine'\n");
  });

  it('runs job.sh under GNU time, writing wall, CPU and RSS figures to the time file', () => {
    expect(slurmBatchScript(input)).toContain(
      "/usr/bin/time -o time -f 'wall_seconds=%e\\nuser_seconds=%U\\nsystem_seconds=%S\\nmax_rss_kb=%M' " +
        '"${limit[@]}" /bin/bash job.sh',
    );
  });

  it('runs the workload without timeout when it has no time limit', () => {
    expect(slurmBatchScript(input).split('\n')).toContain('limit=()');
  });

  it('ends the workload at its time limit with timeout, SIGKILL after a grace', () => {
    expect(slurmBatchScript({ ...input, timeLimitSeconds: 90 }).split('\n')).toContain(
      `limit=(timeout --kill-after=${TIME_LIMIT_KILL_AFTER_SECONDS} 90)`,
    );
  });

  it('writes the exit file last and atomically, then exits with the workload’s code', () => {
    const lines = slurmBatchScript(input).trimEnd().split('\n');

    expect(lines.slice(-4)).toEqual([
      'exit_code=$?',
      `printf 'exit_code=%s\\nstarted_at=%s\\nended_at=%s\\n' "$exit_code" "$started_at" "$(date +%s.%N)" >exit.tmp`,
      'mv -f exit.tmp exit',
      'exit "$exit_code"',
    ]);
  });
});

describe('bashQuote', () => {
  it('wraps a value in single quotes, closing and escaping the ones inside', () => {
    expect(bashQuote("a'b $HOME `x`")).toBe("'a'\\''b $HOME `x`'");
  });
});
