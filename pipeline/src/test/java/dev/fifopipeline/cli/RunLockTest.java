package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.lake.RunLock;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One writing run at a time per lake; readers are never blocked. */
@Tag("spark")
class RunLockTest {
  @Test
  void aSecondWriterExitsWithAClearMessageWhileReadersGoOn() throws Exception {
    try (TempLake temp = new TempLake()) {
      temp.file("ledger.csv", Ledgers.csv("B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,1,0"));
      Cli cli =
          new Cli(
              temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "ledger.csv"));
      assertEquals(0, cli.run("ingest").exit());
      String lake = temp.folder().resolve("lake").toString();

      try (RunLock held = RunLock.acquire(lake, "nightly (held by this test)", Duration.ZERO)) {
        Cli.Run busy = cli.run("ingest");
        assertEquals(3, busy.exit(), busy.toString());
        assertTrue(
            busy.err()
                .startsWith("Cannot run: another fifo-pipeline run is using the lake at " + lake),
            busy.err());
        assertTrue(busy.err().contains("nightly (held by this test)"), busy.err());

        Cli.Run waited = cli.run("--set", "pipeline.lock-wait=1s", "allocate", "--version", "1");
        assertEquals(3, waited.exit(), waited.toString());

        Cli.Run reader = cli.run("sql", "SELECT count(*) FROM trade_records", "--format", "csv");
        assertEquals(0, reader.exit(), reader.toString());
      }
      assertEquals(0, cli.run("allocate", "--version", "1").exit(), "free again");
      assertEquals(
          "",
          java.nio.file.Files.readString(temp.folder().resolve("lake/_fifo/run.lock")),
          "a finished run names no holder");
    }
  }

  @Test
  void aFailingRunReleasesTheLockAndNamesNoHolder() throws Exception {
    try (TempLake temp = new TempLake()) {
      Cli cli =
          new Cli(
              temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "missing.csv"));

      Cli.Run failed = cli.run("ingest");

      assertEquals(3, failed.exit(), failed.toString());
      Path file = temp.folder().resolve("lake/_fifo/run.lock");
      assertEquals("", Files.readString(file), "no holder named after a run that is over");
      String lake = temp.folder().resolve("lake").toString();
      try (RunLock again = RunLock.acquire(lake, "test", Duration.ZERO)) {
        assertTrue(Files.readString(file).contains(", test, since "), "the holder while held");
      }
    }
  }

  @Test
  void aZeroByteSourceIsNothingToIngestAndExitsZero() {
    try (TempLake temp = new TempLake()) {
      temp.file("empty.csv", "");
      Cli cli =
          new Cli(temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "empty.csv"));

      Cli.Run run = cli.run("ingest");

      assertEquals(0, run.exit(), run.toString());
      assertTrue(run.out().startsWith("ingest: empty source, nothing to ingest"), run.toString());
    }
  }
}
