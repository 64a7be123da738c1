package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.lake.RunLock;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code nightly --every}: one process runs a nightly per period, picks up what landed in the
 * source between runs, leaves the lake unlocked between them, and stops at the first run that does
 * not exit 0; its options are checked before any run.
 */
@Tag("spark")
class NightlyEveryTest {
  private static final Pattern DONE = Pattern.compile("nightly: done in [\\d.]+ s(.*)");

  @Test
  void runsAgainEveryPeriodWithTheLakeUnlockedBetweenRuns() throws Exception {
    try (TempLake temp = new TempLake()) {
      firstFile(temp);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CompletableFuture<Long> waitAsked = new CompletableFuture<>();
      CountDownLatch landed = new CountDownLatch(1);
      Pause onCue =
          nanos -> {
            waitAsked.complete(nanos);
            landed.await();
          };
      CompletableFuture<Integer> loop =
          start(temp, out, err, onCue, "nightly", "--every", "1h", "--runs", "2");
      long nanos = waitAsked.get(3, TimeUnit.MINUTES);
      assertEquals(1, runsDone(out), out + "\n" + err);
      assertTrue(
          nanos > 0 && nanos < Duration.ofHours(1).toNanos(),
          "waits for the rest of the period after the first run: " + nanos + " ns");
      // while the process waits for its next run, another writing run can take the lake (the
      // first run lets it go right after its last line)
      try (RunLock lock =
          RunLock.acquire(
              temp.folder().resolve("lake").toString(), "test", Duration.ofSeconds(5))) {
        temp.file("source/b.csv", Ledgers.csv("S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,4,0"));
      } finally {
        landed.countDown();
      }
      int exit = loop.get();
      String printed = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, printed + "\n" + err);
      assertEquals(2, runsDone(out), printed);
      assertTrue(
          printed.contains("new 1 / unchanged 0 / quarantined 0; 1 file read before"),
          "the file that landed between runs: " + printed);
      assertTrue(
          printed.contains("(fifo, incremental): 1 symbols, 1 buys, 1 sells -> 1 allocations"),
          printed);
    }
  }

  @Test
  void aRunThatFindsTheLakeBusyIsSkippedAndTheNextRuns() throws Exception {
    try (TempLake temp = new TempLake()) {
      firstFile(temp);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CompletableFuture<Integer> loop;
      try (RunLock busy =
          RunLock.acquire(temp.folder().resolve("lake").toString(), "maintain", Duration.ZERO)) {
        loop = start(temp, out, err, "nightly", "--every", "1s", "--runs", "2");
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!err.toString(StandardCharsets.UTF_8).contains("skipped")
            && !loop.isDone()
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
      }
      int exit = loop.get();
      String printed = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, printed + "\n" + err);
      assertTrue(
          err.toString(StandardCharsets.UTF_8)
              .contains("nightly: skipped: another fifo-pipeline run is using the lake"),
          err.toString(StandardCharsets.UTF_8));
      assertEquals(1, runsDone(out), "the second run ran: " + printed);
      assertTrue(printed.contains("ingest: read 1 / new 1"), printed);
    }
  }

  @Test
  void aRunWithNothingNewAfterTheFirstPrintsOneLine() throws Exception {
    try (TempLake temp = new TempLake()) {
      firstFile(temp);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = start(temp, out, err, "nightly", "--every", "1s", "--runs", "3").get();
      String printed = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, exit, printed + "\n" + err);
      List<String> lines = printed.lines().toList();
      List<String> last = lines.subList(lines.size() - 3, lines.size());
      String quiet = "nightly: done in [\\d.]+ s \\(nothing new\\)";
      assertTrue(last.get(0).matches("nightly: done in [\\d.]+ s"), printed);
      assertTrue(last.get(1).matches(quiet) && last.get(2).matches(quiet), printed);
      assertFalse(
          printed.contains("ingest: nothing new"),
          "a run with nothing new after the first prints its last line only: " + printed);
    }
  }

  @Test
  void stopsAtTheFirstRunThatDoesNotExitZero() throws Exception {
    try (TempLake temp = new TempLake()) {
      temp.file("source.csv", Ledgers.csv("S1,ETH-USD,sell,2025-01-04T00:00:00Z,10,1,0"));
      Cli cli =
          new Cli(
              temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "source.csv"));
      Cli.Run strict = cli.run("nightly", "--strict", "--every", "1h");
      assertEquals(1, strict.exit(), strict.toString());
      assertEquals(1, DONE.matcher(strict.out()).results().count(), strict.toString());
    }
  }

  @Test
  void refusesRunsWithoutAPeriodAndAPeriodThatIsNotOne() throws Exception {
    try (TempLake temp = new TempLake()) {
      Cli cli = new Cli(temp.folder(), environment());
      Cli.Run runs = cli.run("nightly", "--runs", "3");
      assertEquals(2, runs.exit(), runs.toString());
      assertTrue(runs.err().contains("--runs 3 needs --every"), runs.toString());
      Cli.Run zero = cli.run("nightly", "--every", "0s");
      assertEquals(2, zero.exit(), zero.toString());
      assertTrue(zero.err().contains("'0s' is not a positive duration"), zero.toString());
      Cli.Run word = cli.run("nightly", "--every", "often");
      assertEquals(2, word.exit(), word.toString());
      assertTrue(word.err().contains("'often' is not a duration"), word.toString());
    }
  }

  /** The source folder with its first file: one buy. */
  private static void firstFile(TempLake temp) throws Exception {
    temp.folder().resolve("source").toFile().mkdirs();
    temp.file("source/a.csv", Ledgers.csv("B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1"));
  }

  /** Runs {@code args} in-process on another thread, printing into {@code out} and {@code err}. */
  private static CompletableFuture<Integer> start(
      TempLake temp, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    return start(temp, out, err, Pause.SLEEP, args);
  }

  /** {@link #start} with {@code pause} as the wait between runs. */
  private static CompletableFuture<Integer> start(
      TempLake temp,
      ByteArrayOutputStream out,
      ByteArrayOutputStream err,
      Pause pause,
      String... args) {
    SharedSpark.session();
    List<String> all = new ArrayList<>(List.of("--set", "spark.sql.shuffle.partitions=2"));
    all.addAll(List.of(args));
    return CompletableFuture.supplyAsync(
        () ->
            Main.runMain(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                environment(),
                temp.folder(),
                pause,
                all.toArray(String[]::new)));
  }

  private static Map<String, String> environment() {
    return Map.of(
        "FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "source", "FIFO_SOURCE_KIND", "csv");
  }

  /** How many runs have printed their last line, with or without anything new. */
  private static long runsDone(ByteArrayOutputStream out) {
    Matcher done = DONE.matcher(out.toString(StandardCharsets.UTF_8));
    return done.results().count();
  }
}
