package dev.fifopipeline.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.report.Prices;
import dev.fifopipeline.report.ReportJob;
import dev.fifopipeline.report.ReportKind;
import dev.fifopipeline.report.ReportRequest;
import dev.fifopipeline.testing.Ledgers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report files of a golden case: for a case with a {@code report/} folder, {@code report all}
 * of version 1 must write exactly the CSV files in it, byte for byte (the HTML page, which carries
 * its generation time, is not compared). Rewritten only with -Dgolden.regenerate=true.
 */
final class ReportGolden {
  private ReportGolden() {}

  static void check(Lake lake, Path dir, ZoneId zone, Path work, boolean regenerate)
      throws IOException {
    Path expected = dir.resolve("report");
    if (!Files.isDirectory(expected)) {
      return;
    }
    new ReportJob(
            lake,
            new ReportRequest(1, ReportKind.ALL, null, work, Prices.none()),
            zone,
            Ledgers.CLOCK)
        .run();
    Path actual = work.resolve("v1");
    List<String> written = csvFiles(actual);
    if (regenerate) {
      try (Stream<Path> old = Files.list(expected)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
      for (String name : written) {
        Files.copy(actual.resolve(name), expected.resolve(name));
      }
      return;
    }
    assertEquals(csvFiles(expected), written, dir + ": report files");
    for (String name : written) {
      assertEquals(
          Files.readString(expected.resolve(name)),
          Files.readString(actual.resolve(name)),
          dir + ": report/" + name);
    }
  }

  private static List<String> csvFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".csv"))
          .sorted()
          .toList();
    }
  }
}
