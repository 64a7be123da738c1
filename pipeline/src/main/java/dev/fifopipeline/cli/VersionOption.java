package dev.fifopipeline.cli;

import picocli.CommandLine.Option;

/** {@code --version N}, the allocation version a command works on. */
final class VersionOption {
  @Option(
      names = "--version",
      required = true,
      paramLabel = "N",
      description = "Allocation version, 1 or more.")
  int version;
}
