#!/bin/bash
# Anvil example workload: a CPU benchmark. Processes ANVIL_EVENTS events (default 200000), each a short
# floating-point computation, and reports its throughput on stdout as "events/s: <n>" (the template's
# metric patterns read "events processed" and "events/s"). Needs only bash, awk and date.
set -euo pipefail
events="${ANVIL_EVENTS:-200000}"
case "$events" in '' | *[!0-9]*)
  echo "ANVIL_EVENTS must be a positive integer, got '$events'" >&2
  exit 2
  ;;
esac
echo "cpu benchmark: job ${ANVIL_JOB_ID:-?} on queue ${ANVIL_QUEUE_NAME:-?}, $events events"
start=$(date +%s.%N)
awk -v n="$events" 'BEGIN { s = 0; for (i = 1; i <= n; i++) { x = i * 0.5; s += sqrt(x) * sin(x) } printf "checksum: %.6f\n", s }'
end=$(date +%s.%N)
awk -v n="$events" -v a="$start" -v b="$end" \
  'BEGIN { d = b - a; if (d <= 0) d = 0.001; printf "events processed: %d\nevents/s: %.1f\n", n, n / d }'
