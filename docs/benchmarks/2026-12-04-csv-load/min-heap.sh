#!/bin/bash
# Smallest -Xmx (MiB, to 8 MiB) with which LoadHarness loads a CSV, by bisection; each try is a fresh JVM.
# usage: min-heap.sh CLASSPATH LOW_MIB HIGH_MIB file.csv label [harness options]
# CLASSPATH: the compiled LoadHarness, metronome-data and metronome-core classes and the Jackson jars.
cp=$1; lo=$2; hi=$3; shift 3
while [ $((hi - lo)) -gt 8 ]; do
  mid=$(((lo + hi) / 2))
  if out=$(java -Xmx${mid}m -cp "$cp" LoadHarness "$@" 2>&1); then hi=$mid; r=ok; else lo=$mid; r=fail; fi
  echo "Xmx ${mid}m: $r $(echo "$out" | head -1 | cut -c1-100)"
done
echo "smallest passing: ${hi}m (failing: ${lo}m)"
