package dev.fifopipeline.cli;

import dev.fifopipeline.config.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out DIR}: the folder a command writes its report files into. */
final class ReportFolderOption {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for the files (default: report.out, i.e. data/reports).")
  Path out;

  /** The folder given, or {@code report.out}. */
  Path folder(Settings settings) {
    return out == null ? settings.reportOut() : out;
  }
}
