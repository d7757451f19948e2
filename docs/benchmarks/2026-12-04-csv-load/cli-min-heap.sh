#!/bin/bash
# Smallest -Xmx (MiB, to 8 MiB) with which `metronome train` runs 20 steps of the default MLP on a CSV.
# usage: cli-min-heap.sh METRONOME_LAUNCHER LOW_MIB HIGH_MIB file.csv
M=$1; lo=$2; hi=$3; f=$4
while [ $((hi - lo)) -gt 8 ]; do
  mid=$(((lo + hi) / 2)); rm -rf "${TMPDIR:-/tmp}/csv-min-heap-run"
  if out=$(METRONOME_JAVA_OPTS=-Xmx${mid}m $M train --data csv --set data.path=$f --set data.label=label --max-steps 20 --set engine.threads=1 --output-dir "${TMPDIR:-/tmp}/csv-min-heap-run" 2>&1); then r=ok; hi=$mid; else r="fail: $(echo "$out" | grep -m1 -i "error\|memory" | cut -c1-160)"; lo=$mid; fi
  echo "Xmx ${mid}m: $r"
done
echo "smallest passing: ${hi}m (failing: ${lo}m)"
