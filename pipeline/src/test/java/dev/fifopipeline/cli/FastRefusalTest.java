package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A command that will refuse says so from the lake's files, in well under 5 s, without asking for a
 * SparkSession; when the files cannot tell, Spark reads the lake and the answer is the same.
 */
@Tag("spark")
class FastRefusalTest {
  /** Runs {@code args}, asserting exit 2 with a message starting {@code start}, fast, sparkless. */
  private static void refusedAtOnce(Cli cli, String start, String... args) {
    int sessions = PipelineContext.SESSIONS_ASKED.get();
    long began = System.nanoTime();
    Cli.Run run = cli.run(args);
    long ms = (System.nanoTime() - began) / 1_000_000;

    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().startsWith(start), run.toString());
    assertEquals("", run.out(), "nothing on standard output before a refusal");
    assertEquals(sessions, PipelineContext.SESSIONS_ASKED.get(), "no SparkSession asked for");
    assertTrue(ms < 5_000, "refused in " + ms + " ms");
  }

  @Test
  void refusalsThatTheLakesFilesDecideNeedNoSpark() throws Exception {
    try (TempLake temp = new TempLake()) {
      temp.file("ledger.csv", Ledgers.BASIC);
      Cli cli =
          new Cli(
              temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "ledger.csv"));

      refusedAtOnce(
          cli,
          "Cannot validate version 1: it does not exist (the lake has no allocations yet",
          "validate",
          "--version",
          "1");

      assertEquals(0, cli.run("ingest").exit());
      assertEquals(0, cli.run("allocate", "--version", "1").exit());

      refusedAtOnce(
          cli, "Cannot allocate version 1: it already exists", "allocate", "--version", "1");
      refusedAtOnce(
          cli,
          "Cannot allocate version 1 with lifo: it was computed with fifo",
          "allocate",
          "--version",
          "1",
          "--symbols",
          "BTC-USD",
          "--method",
          "lifo",
          "--force");
      refusedAtOnce(
          cli,
          "Cannot allocate version 1 with hifo: it was computed with fifo",
          "--set",
          "pipeline.method=hifo",
          "nightly");
      refusedAtOnce(
          cli,
          "Cannot validate version 7: it does not exist (versions in the lake: 1)",
          "validate",
          "--version",
          "7");
      refusedAtOnce(
          cli,
          "Cannot publish version 7: it does not exist",
          "--set",
          "sink.jdbc.url=jdbc:postgresql://localhost:1/none",
          "publish",
          "--version",
          "7");
      refusedAtOnce(cli, "Cannot report version 7", "report", "all", "--version", "7");
      refusedAtOnce(cli, "Cannot compare version 7", "compare", "--versions", "1,7");

      // without the record, Spark reads the versions: the same refusal, the slow way
      Files.delete(temp.folder().resolve("lake/_fifo/state/versions.json"));
      int sessions = PipelineContext.SESSIONS_ASKED.get();
      Cli.Run slow = cli.run("validate", "--version", "7");
      assertEquals(2, slow.exit(), slow.toString());
      assertTrue(slow.err().startsWith("Cannot validate version 7: it does not exist"), slow.err());
      assertEquals(sessions + 1, PipelineContext.SESSIONS_ASKED.get());
    }
  }
}
