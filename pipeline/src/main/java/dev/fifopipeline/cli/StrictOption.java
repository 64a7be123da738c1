package dev.fifopipeline.cli;

import picocli.CommandLine.Option;

/**
 * {@code --strict}: exit 1 (instead of 0) when a run that otherwise succeeded leaves something for
 * a person to look at; each command says what counts in its description.
 */
final class StrictOption {
  @Option(
      names = "--strict",
      description =
          "Exit 1 when the run leaves something to look at: quarantined rows (ingest), unmatched"
              + " sells (allocate), differences from the export (reconcile), any of them"
              + " (nightly).")
  boolean strict;
}
