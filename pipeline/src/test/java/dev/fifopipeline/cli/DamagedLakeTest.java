package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A damaged table is reported as such: exit 3, one line on standard error naming the table, what is
 * wrong and what to do, and nothing on standard output.
 */
@Tag("spark")
class DamagedLakeTest {
  private static TempLake healthy;

  @BeforeAll
  static void twoVersions() {
    healthy = new TempLake();
    healthy.file("ledger.csv", Ledgers.BASIC);
    Cli cli = cli(healthy);
    assertEquals(0, cli.run("ingest").exit());
    assertEquals(0, cli.run("allocate", "--version", "1").exit());
    assertEquals(0, cli.run("allocate", "--version", "2", "--method", "lifo").exit());
  }

  @AfterAll
  static void delete() {
    healthy.close();
  }

  private static Cli cli(TempLake temp) {
    return new Cli(
        temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "ledger.csv"));
  }

  private static void refusedAsDamaged(Cli.Run run, String start) {
    assertEquals(3, run.exit(), run.toString());
    assertEquals("", run.out(), "nothing on standard output: " + run);
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run);
    assertTrue(run.err().startsWith(start), run.toString());
  }

  @Test
  void aTruncatedNewestCommitIsNamedWithTheVersionToReturnTo() throws Exception {
    try (TempLake temp = TempLake.copyOf(healthy)) {
      Path commit =
          temp.folder().resolve("lake/fifo_allocations/_delta_log/00000000000000000001.json");
      byte[] bytes = Files.readAllBytes(commit);
      Files.write(commit, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      Cli cli = cli(temp);

      String start =
          "Cannot read lake table fifo_allocations: its newest commit 1 is unreadable"
              + " (_delta_log/00000000000000000001.json is truncated or not JSON) (move that file"
              + " and its .crc out of _delta_log to return the table to version 0";
      refusedAsDamaged(cli.run("validate", "--version", "1"), start);
      refusedAsDamaged(
          cli.run("sql", "SELECT count(*) FROM fifo_allocations", "--format", "csv"), start);

      Cli.Run doctor = cli.run("doctor");
      assertEquals(3, doctor.exit(), doctor.toString());
      assertTrue(
          doctor.out().contains("trade_records: healthy (version 0, 1 data files)"), doctor.out());
      assertTrue(doctor.out().contains("fifo_allocations: DAMAGED: " + start), doctor.out());
      assertTrue(doctor.out().contains("win_rate: not written yet"), doctor.out());
      assertTrue(
          doctor.err().startsWith("Cannot vouch for the lake at ")
              && doctor.err().contains("1 table is damaged"),
          doctor.toString());
    }
  }

  @Test
  void aMissingDataFileIsNamedEvenWhereDeltaCouldCountFromItsLog() throws Exception {
    try (TempLake temp = TempLake.copyOf(healthy)) {
      Path partition = temp.folder().resolve("lake/fifo_allocations/allocation_version=1");
      Path parquet;
      try (Stream<Path> files = Files.list(partition)) {
        parquet =
            files
                .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                .min(Comparator.naturalOrder())
                .orElseThrow();
      }
      Files.delete(parquet);
      Cli cli = cli(temp);

      String start =
          "Cannot read lake table fifo_allocations: data file allocation_version=1/"
              + parquet.getFileName()
              + " of its version 1 is missing (RESTORE TABLE delta.`";
      refusedAsDamaged(cli.run("validate", "--version", "1"), start);
      refusedAsDamaged(
          cli.run("sql", "SELECT COUNT(*) FROM fifo_allocations", "--format", "csv"), start);
      refusedAsDamaged(cli.run("allocate", "--version", "1", "--force"), start);
    }
  }

  @Test
  void doctorSaysEveryWrittenTableOfAWholeLakeIsHealthy() {
    Cli.Run doctor = cli(healthy).run("doctor");

    assertEquals(0, doctor.exit(), doctor.toString());
    List<String> lines = doctor.out().lines().toList();
    assertEquals(LakeTable.values().length, lines.size(), doctor.out());
    assertTrue(doctor.out().contains("fifo_computation_log: healthy (version 1,"), doctor.out());
    assertTrue(lines.stream().noneMatch(l -> l.contains("DAMAGED")), doctor.out());
  }
}
