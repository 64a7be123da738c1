#!/usr/bin/env bash
# Builds pipeline/target/launcher/classes.jsa, the class-data-sharing archive the launcher gives
# Java: a run maps the classes Spark and Delta load, already parsed and verified, instead of reading
# them from the jars (one to two seconds less per command). Trained by ingesting the bundled sample
# into a scratch lake. Run by `mvn package` after the jar is built; skip with
# -Dfifo.class-archive.skip.
# Failing to build it is not an error: the launcher runs without an archive.
set -euo pipefail

bin_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../bin" && pwd -P)"
archive="$(dirname "$bin_dir")/target/launcher/classes.jsa"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

rm -f "$archive" "$archive.partial"
if FIFO_LOG_DIR="$scratch" FIFO_DRIVER_MEMORY=1g \
  FIFO_JAVA_OPTS="-XX:ArchiveClassesAtExit=$scratch/classes.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
  "$bin_dir/fifo-pipeline" --set lake.path="$scratch/lake" ingest >"$scratch/output" 2>&1 &&
  [ -s "$scratch/classes.jsa" ]; then
  # copy next to the target, then rename: a launcher never maps a half-written archive
  cp "$scratch/classes.jsa" "$archive.partial"
  mv "$archive.partial" "$archive"
  echo "class archive: $archive ($(du -m "$archive" | cut -f1) MB)"
else
  echo "class archive not built, the launcher runs without it: $(tail -1 "$scratch/output")"
fi
