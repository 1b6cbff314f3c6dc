#!/bin/bash
# Anvil example workload: a data-access check. Reads the job's first input (ANVIL_INPUT_0, from the
# template's `inputs`) to its end and reports how many bytes it read and how fast. An input that is missing
# or unreadable is the site's fault: the script says "input file missing: <path>" on stderr and exits 66,
# which the template's error rule classifies as `site`.
set -uo pipefail
input="${ANVIL_INPUT_0:-}"
if [ -z "$input" ]; then
  echo "the workload declares no input (ANVIL_INPUT_0 is empty)" >&2
  exit 2
fi
if [ ! -r "$input" ]; then
  echo "input file missing: $input" >&2
  exit 66
fi
start=$(date +%s.%N)
bytes=$(wc -c <"$input") || { echo "input file unreadable: $input" >&2; exit 66; }
sum=$(sha256sum "$input" | cut -d' ' -f1)
end=$(date +%s.%N)
echo "read $bytes bytes from $input (sha256 $sum)"
awk -v n="$bytes" -v a="$start" -v b="$end" \
  'BEGIN { d = b - a; if (d <= 0) d = 0.001; printf "bytes read: %d\nread MB/s: %.2f\n", n, n / d / 1e6 }'
