package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code allocate --method-schedule} end to end: refused at once when malformed, recorded with the
 * version, validated with it, and shown by {@code compare}.
 */
@Tag("spark")
class MethodScheduleCommandTest {

  @Test
  void aScheduleIsRefusedWhenMalformedAndOtherwiseRecordedValidatedAndCompared() {
    try (TempLake temp = new TempLake()) {
      temp.file(
          "ledger.csv",
          Ledgers.csv(
              "B1,BTC-USD,buy,2024-03-01T00:00:00Z,100,1,0",
              "B2,BTC-USD,buy,2024-06-01T00:00:00Z,200,1,0",
              "S1,BTC-USD,sell,2025-02-01T00:00:00Z,300,1,0"));
      Cli cli =
          new Cli(
              temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "ledger.csv"));
      int sessions = PipelineContext.SESSIONS_ASKED.get();

      Cli.Run malformed =
          cli.run("allocate", "--version", "1", "--method-schedule", "fifo;2024=hifo;2023=lifo");
      assertEquals(2, malformed.exit(), malformed.toString());
      assertEquals(
          "Cannot allocate: --method-schedule 'fifo;2024=hifo;2023=lifo' is not a method"
              + " schedule: the default schedule has year 2023 after 2024: years must increase"
              + " (write METHOD;YEAR=METHOD, e.g. fifo;2025=hifo, with ACCOUNT: before the entries"
              + " of an account, e.g. fifo;2025=hifo;kraken:lifo)",
          malformed.err().strip());
      Cli.Run both =
          cli.run("allocate", "--version", "1", "--method", "hifo", "--method-schedule", "fifo");
      assertEquals(2, both.exit(), both.toString());
      assertTrue(
          both.err().startsWith("Cannot allocate: --method and --method-schedule are both given"),
          both.toString());
      assertEquals(1, both.err().strip().lines().count(), both.toString());
      assertEquals(sessions, PipelineContext.SESSIONS_ASKED.get(), "refused before Spark");

      assertEquals(0, cli.run("ingest").exit());
      Cli.Run allocate =
          cli.run("allocate", "--version", "1", "--method-schedule", "fifo; 2025=HIFO");
      assertEquals(0, allocate.exit(), allocate.toString());
      assertTrue(allocate.out().startsWith("allocate v1 (fifo;2025=hifo, full)"), allocate.out());
      assertEquals(0, cli.run("allocate", "--version", "2", "--method", "fifo").exit());

      Cli.Run validate = cli.run("validate", "--version", "1");
      assertEquals(0, validate.exit(), validate.toString());
      Cli.Run compare = cli.run("compare", "--versions", "1,2");
      assertEquals(0, compare.exit(), compare.toString());
      assertTrue(
          compare.out().contains("compare v1 (fifo;2025=hifo) vs v2 (fifo)"), compare.toString());

      Cli.Run plain =
          cli.run(
              "allocate", "--version", "1", "--symbols", "BTC-USD", "--force", "--method", "fifo");
      assertEquals(2, plain.exit(), plain.toString());
      assertTrue(
          plain
              .err()
              .startsWith(
                  "Cannot allocate version 1 with fifo: it was computed with fifo;2025=hifo"),
          plain.toString());
    }
  }
}
