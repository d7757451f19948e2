#!/bin/bash
# The built command line with the metronome-data classes of d7128c1 (before streaming) first on the class
# path: OLD_CLASSES is that commit's metronome-data/target/classes, copied aside.
t="$(cd "$(dirname "$0")/../../.." && pwd)/metronome-cli/target"
exec java ${METRONOME_JAVA_OPTS:-} -Dai.djl.offline=true -cp "${OLD_CLASSES:?set OLD_CLASSES}:$t/lib/*:$t/metronome-cli-0.1.0-SNAPSHOT.jar" dev.metronome.cli.Main "$@"
