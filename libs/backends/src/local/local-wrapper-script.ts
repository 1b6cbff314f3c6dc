import { GNU_TIME_FORMAT } from './gnu-time-report.util';
import { LOCAL_JOB_FILES as F, LOCAL_KILL_AFTER_SECONDS as KILL_AFTER } from './local-job-files.constant';

/**
 * `run.sh` of a job: started by a backend in its own session and process group (so it outlives that
 * process, and `kill -- -<pid>` reaches all of it). It takes the claim, records its process, runs the script
 * under GNU time (and coreutils timeout when the job has a time limit: TERM at the limit, KILL after
 * `LOCAL_KILL_AFTER_SECONDS`), records the end, then ends what the script left behind.
 */
export function localWrapperScript(timeLimitSeconds: number | undefined): string {
  // --foreground keeps the script in this process group, so a cancel's TERM to the group reaches it.
  const limit =
    timeLimitSeconds === undefined ? '' : `timeout --foreground --kill-after=${KILL_AFTER} ${timeLimitSeconds} `;
  return `#!/bin/bash
# Anvil local backend: the wrapper of one job. Generated; see libs/backends/src/local/local-wrapper-script.ts.
cd "\${0%/*}" || exit 1
# Only one process runs the job: the one that turns the claim into a start.
mv ${F.claimed} ${F.started} 2>/dev/null || exit 0
trap 'term=1' TERM
printf '{"pid":%d,"bootId":"%s","startedAtMs":%s}\\n' "$$" "$(cat /proc/sys/kernel/random/boot_id)" "$(date +%s%3N)" >${F.process}.tmp
mv ${F.process}.tmp ${F.process}
status=0
ran=false
if [ ! -e ${F.cancel} ]; then
  ran=true
  (
    . ./${F.env} && cd ${F.work} &&
      exec /usr/bin/time -f '${GNU_TIME_FORMAT}' -o ../${F.time} ${limit}/bin/bash ../${F.script}
  ) </dev/null >${F.stdout} 2>${F.stderr} &
  child=$!
  # A cancel that came while the script was starting may not have seen ${F.process}.
  if [ -e ${F.cancel} ]; then kill -TERM -- -$$; fi
  while :; do
    term=0
    wait "$child"
    status=$?
    # A TERM (cancel) interrupts the wait; wait again for the script's own status.
    [ "$term" = 1 ] || break
  done
fi
printf '{"finishedAtMs":%s,"ran":%s,"status":%d}\\n' "$(date +%s%3N)" "$ran" "$status" >${F.end}.tmp
mv ${F.end}.tmp ${F.end}
# What the script left running ends with it: TERM, then KILL.
trap '' TERM
# Zombies do not count: they are dead, waiting for init to reap them. No pgrep: wait the whole time.
others() { n=$(pgrep -c -g $$ -r R,S,D,T,t,I); [ "\${n:-2}" -gt 1 ]; }
if others; then
  kill -TERM -- -$$ 2>/dev/null
  for ((i = 0; i < ${KILL_AFTER * 10}; i++)); do others || break; sleep 0.1; done
  kill -KILL -- -$$ 2>/dev/null
fi
exit 0
`;
}
