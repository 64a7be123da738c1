package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SettingsLoader;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.nightly.NothingNew;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A nightly with nothing new ends before any Spark work, and every kind of change makes the next
 * nightly run its steps again: a touched source, a table written since, other settings, an
 * interrupted run, missing report files. A quiet nightly prints the unmatched sells the last run
 * counted.
 */
@Tag("spark")
class NightlyNothingNewTest {
  private static final String NOTHING_NEW = "nightly: done in";
  private static final String UNMATCHED =
      "\nunmatched sells: 1 (report unmatched --version 1 lists likely causes)\n";

  @Test
  void nothingNewIsToldWithoutRunningTheStepsAndAnyChangeRunsThemAgain() throws Exception {
    try (TempLake temp = new TempLake()) {
      temp.file(
          "ledger.csv",
          Ledgers.csv(
              "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
              "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,4,0",
              "S2,ETH-USD,sell,2025-01-04T00:00:00Z,10,1,0"));
      Cli cli =
          new Cli(
              temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "ledger.csv"));

      Cli.Run first = cli.run("nightly");
      assertEquals(0, first.exit(), first.toString());
      assertTrue(ranSteps(first), first.toString());

      Cli.Run quiet = cli.run("nightly");
      assertEquals(0, quiet.exit(), quiet.toString());
      assertTrue(quietRun(quiet), quiet.toString());
      assertTrue(quiet.out().contains("allocate v1 (fifo, incremental): nothing to compute"));
      assertTrue(quiet.out().contains("report: unchanged"), quiet.toString());
      assertTrue(first.out().contains(UNMATCHED), first.toString());
      assertTrue(
          quiet.out().contains(UNMATCHED), "the count the last run recorded: " + quiet.toString());

      // the report files are gone: the nightly runs and writes them again
      Path report = temp.folder().resolve("data/reports/v1/report.html");
      Files.delete(report);
      Cli.Run rewrite = cli.run("nightly");
      assertTrue(ranSteps(rewrite), rewrite.toString());
      assertTrue(Files.isRegularFile(report), "the missing report is written again");
      assertTrue(NothingNew.since(settings(temp, Map.of())).isPresent(), "quiet again");

      // each change on its own makes the next nightly run its steps; undone, it is quiet again
      Path ledger = temp.folder().resolve("ledger.csv");
      FileTime written = Files.getLastModifiedTime(ledger);
      Files.setLastModifiedTime(ledger, FileTime.fromMillis(written.toMillis() + 5_000));
      assertFalse(NothingNew.since(settings(temp, Map.of())).isPresent(), "source touched");
      Files.setLastModifiedTime(ledger, written);
      assertTrue(NothingNew.since(settings(temp, Map.of())).isPresent(), "source as it was");

      assertFalse(
          NothingNew.since(settings(temp, Map.of("matching.dust", "0.001"))).isPresent(),
          "other settings");
      assertFalse(
          NothingNew.since(settings(temp, Map.of("report.out", "elsewhere"))).isPresent(),
          "another report folder");

      Path journal = temp.folder().resolve("lake/_fifo/journal.json");
      Files.writeString(journal, "{}");
      assertFalse(NothingNew.since(settings(temp, Map.of())).isPresent(), "interrupted run");
      Files.delete(journal);

      Path log = temp.folder().resolve("lake/fifo_allocations/_delta_log");
      Path next = log.resolve(DeltaLogFiles.commitFile(newest(log) + 1)); // Delta's next commit
      Files.writeString(next, "");
      assertFalse(NothingNew.since(settings(temp, Map.of())).isPresent(), "a table written");
      Files.delete(next);
      assertTrue(NothingNew.since(settings(temp, Map.of())).isPresent(), "the table as it was");

      // a mark that did not record the unmatched sells has nothing to print: run the steps
      Path mark = temp.folder().resolve("lake/_fifo/state/nightly.json");
      String recorded = Files.readString(mark);
      assertTrue(recorded.contains("\"unmatched\":1"), recorded);
      Files.writeString(mark, recorded.replace(",\"unmatched\":1", ""));
      assertFalse(NothingNew.since(settings(temp, Map.of())).isPresent(), "no count recorded");

      // --strict alerts while the version has unmatched sells: after a run that recomputed only
      // BTC (whose sells all match) for the ETH sell it did not touch, and when nothing is new
      Files.writeString(
          ledger, "B2,BTC-USD,buy,2025-01-02T00:00:00Z,110,1,0\n", StandardOpenOption.APPEND);
      Cli.Run strict = cli.run("nightly", "--strict");
      assertTrue(strict.out().contains("(fifo, incremental): 1 symbols"), strict.toString());
      assertTrue(strict.out().contains(UNMATCHED), strict.toString());
      assertEquals(1, strict.exit(), strict.toString());
      Cli.Run strictQuiet = cli.run("nightly", "--strict");
      assertTrue(quietRun(strictQuiet), strictQuiet.toString());
      assertEquals(1, strictQuiet.exit(), strictQuiet.toString());
    }
  }

  private static Settings settings(TempLake temp, Map<String, String> overrides) {
    return SettingsLoader.load(
        new SettingsLoader.Request(
            null,
            overrides,
            Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "ledger.csv"),
            temp.folder()));
  }

  private static boolean quietRun(Cli.Run run) {
    return run.out().contains("ingest: nothing new") && run.out().contains("(nothing new)");
  }

  private static boolean ranSteps(Cli.Run run) {
    return run.exit() == 0
        // the ingest reads the ledger, or says it read this very file before
        && (run.out().contains("ingest: read") || run.out().contains("1 file read before"))
        && run.out().contains(NOTHING_NEW)
        && !run.out().contains("(nothing new)");
  }

  /** The newest commit in a log folder, from the names of all its files. */
  private static long newest(Path log) throws IOException {
    try (var files = Files.list(log)) {
      return files
          .map(f -> DeltaLogFiles.version(f.getFileName().toString()))
          .filter(java.util.OptionalLong::isPresent)
          .mapToLong(java.util.OptionalLong::getAsLong)
          .max()
          .orElseThrow();
    }
  }
}
