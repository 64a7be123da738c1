package dev.fifopipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations with real processes: a run killed outright, two runs at once, and a nightly against
 * PostgreSQL whose passwords must appear nowhere: not on the console, not in the log file, not in
 * Spark's event log.
 */
@Tag("process")
class OperationsIT {
  private static final Path ROOT =
      Path.of(System.getProperty("fifo.project.root", "..")).toAbsolutePath().normalize();
  private static final String LEDGER = Ledgers.BASIC;

  @TempDir Path work;

  record Result(int exit, String out, String err) {}

  private static String joined(String name, String inherited, String own) {
    return name.equals("FIFO_JAVA_OPTS") ? inherited + " " + own : own;
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of(ROOT.resolve("pipeline/bin/fifo-pipeline").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put("FIFO_LAKE_PATH", work.resolve("lake").toString());
    builder.environment().put("FIFO_LOG_DIR", work.resolve("logs").toString());
    builder.environment().put("FIFO_SOURCE_PATH", work.resolve("ledger.csv").toString());
    // a run's own JVM options come after the build's for every launcher JVM (the pom's
    // FIFO_JAVA_OPTS), not instead of them
    env.forEach(
        (key, value) ->
            builder
                .environment()
                .merge(key, value, (inherited, own) -> joined(key, inherited, own)));
    String name = "run-" + System.nanoTime();
    builder
        .redirectOutput(work.resolve(name + ".out").toFile())
        .redirectError(work.resolve(name + ".err").toFile());
    Process p = builder.start();
    p.info(); // keep the name for finish()
    names.put(p, name);
    return p;
  }

  private final Map<Process, String> names = new HashMap<>();

  private Result finish(Process p) throws Exception {
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "launcher timed out");
    String name = names.get(p);
    return new Result(
        p.exitValue(),
        Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8),
        Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8));
  }

  private Result run(Map<String, String> env, String... args) throws Exception {
    return finish(start(env, args));
  }

  /**
   * One real nightly serves both checks (each launcher run costs tens of seconds): the run after a
   * kill undoes and completes the work, and while it holds the lake a second run exits at once.
   */
  @Test
  void aRunKilledMidWayIsUndoneByTheNextRunWhichHoldsTheLakeAgainstASecond() throws Exception {
    Files.writeString(work.resolve("ledger.csv"), LEDGER);
    Result killed =
        run(Map.of("FIFO_JAVA_OPTS", "-Dfifo.crash-at=allocate.after-allocations"), "nightly");
    assertEquals(137, killed.exit(), "halted like kill -9: " + killed);
    assertTrue(
        Files.exists(work.resolve("lake/_fifo/journal.json")), "the killed run left its journal");

    Path lock = work.resolve("lake/_fifo/run.lock");
    String killedHolder = Files.readString(lock, StandardCharsets.UTF_8);
    Process next = start(Map.of(), "nightly");
    long deadline = System.currentTimeMillis() + 120_000;
    while (Files.readString(lock, StandardCharsets.UTF_8).equals(killedHolder)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    Result second = run(Map.of(), "ingest");
    assertEquals(3, second.exit(), second.toString());
    assertTrue(
        second.err().startsWith("Cannot run: another fifo-pipeline run is using the lake"),
        second.err());
    assertTrue(second.err().contains("nightly"), second.err());

    Result completed = finish(next);
    assertEquals(0, completed.exit(), completed.toString());
    assertTrue(
        completed.err().contains("undid the interrupted run 'allocate v1'"), completed.err());
    assertTrue(
        completed.out().contains("validate v1: 2 symbols, 4 allocations: all 6 invariants hold"),
        completed.out());
    assertFalse(Files.exists(work.resolve("lake/_fifo/journal.json")));
  }

  /**
   * A nightly killed from outside with SIGKILL (the launcher's JVM, waiting at a crash point) at
   * each step that writes, and a last nightly after the kills, leave the lake an uninterrupted
   * nightly leaves. The runs form a chain, as in {@link CrashPointsIT}: the nightly that undoes one
   * killed run is the next point's victim, so each point is reached by a real process that first
   * had to recover from the kill before it (each launcher run costs tens of seconds).
   */
  @Test
  void aNightlySigkilledAtEachWritingStepIsCompletedByTheNextToTheSameLake() throws Exception {
    Files.writeString(work.resolve("ledger.csv"), LEDGER);
    Result baseline = run(Map.of("FIFO_LAKE_PATH", work.resolve("baseline").toString()), "nightly");
    assertEquals(0, baseline.exit(), baseline.toString());

    Path lake = work.resolve("killed");
    List<String> points =
        List.of("ingest.after-ledger", "allocate.after-review", "report.after-pnl_by_symbol");
    for (int i = 0; i < points.size(); i++) {
      String point = points.get(i);
      Path signal = work.resolve("at-" + point);
      Process victim =
          start(
              Map.of(
                  "FIFO_LAKE_PATH",
                  lake.toString(),
                  "FIFO_JAVA_OPTS",
                  "-Dfifo.crash-at="
                      + point
                      + " -Dfifo.crash-mode=wait -Dfifo.crash-signal="
                      + signal),
              "nightly");
      long deadline = System.currentTimeMillis() + 300_000;
      while (!Files.exists(signal) && victim.isAlive() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      if (!Files.exists(signal)) {
        victim.destroyForcibly();
        throw new AssertionError(point + " was never reached: " + finish(victim));
      }
      victim.destroyForcibly(); // SIGKILL
      Result killed = finish(victim);
      assertEquals(137, killed.exit(), "killed with SIGKILL at " + point + ": " + killed);
      if (i > 0) {
        assertTrue(
            killed.err().contains("undid the interrupted run"),
            "the victim at " + point + " first undid the run killed before it: " + killed);
      }
    }
    Result rerun = run(Map.of("FIFO_LAKE_PATH", lake.toString()), "nightly");
    assertEquals(0, rerun.exit(), rerun.toString());
    assertTrue(rerun.err().contains("undid the interrupted run"), rerun.toString());
    assertSameLake(work.resolve("baseline"), lake, String.join(", ", points));
  }

  /** The tables of two lakes hold the same rows, leaving out when and by which run. */
  private static void assertSameLake(Path expected, Path actual, String point) {
    var spark = dev.fifopipeline.testing.SharedSpark.session();
    List<String> runColumns =
        List.of("batch_id", "computed_at", "detected_at", "ingested_at", "lake_ingested_at");
    for (String table :
        List.of(
            "trade_records",
            "fifo_allocations",
            "fifo_inventory_snapshot",
            "manual_review_queue",
            "pnl_by_symbol",
            "win_rate",
            "tax_lots",
            "tax_summary")) {
      var want = spark.read().format("delta").load(expected.resolve(table).toString());
      var got = spark.read().format("delta").load(actual.resolve(table).toString());
      for (String column : runColumns) {
        want = want.drop(column);
        got = got.drop(column);
      }
      assertEquals(want.count(), got.count(), point + ": rows of " + table);
      dev.fifopipeline.testing.DataFrames.assertSameRows(want, got);
    }
  }

  @Test
  void nightlyAgainstPostgresNeverShowsAPassword() throws Exception {
    JdbcSettings db = TestDatabase.freshDatabase("trade_records");
    String database = db.url().replaceAll(".*/([^/?]+).*", "$1");
    TestDatabase.as(db, "bot_reader", "reader-Pa55word");
    TestDatabase.as(db, "fifo_writer", "writer-Pa55word");
    TestDatabase.execute(
        db,
        "CREATE TABLE trade_records (order_id text PRIMARY KEY, symbol text, side text,"
            + " order_time timestamptz, price numeric, size numeric, fees numeric, ingested_at timestamptz)",
        "INSERT INTO trade_records VALUES"
            + " ('B1', 'BTC-USD', 'buy', '2025-01-01T00:00:00Z', 100, 10, 1, '2025-01-01T00:00:01Z'),"
            + " ('S1', 'BTC-USD', 'sell', '2025-01-03T00:00:00Z', 120, 8, 1, '2025-01-03T00:00:01Z')",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        "GRANT CONNECT ON DATABASE " + database + " TO bot_reader, fifo_writer",
        "GRANT USAGE ON SCHEMA public TO bot_reader",
        "GRANT SELECT ON trade_records TO bot_reader",
        "CREATE SCHEMA fifo AUTHORIZATION fifo_writer");
    Map<String, String> env = new HashMap<>();
    env.put("FIFO_SOURCE_KIND", "jdbc");
    env.put("FIFO_SOURCE_JDBC_URL", db.url());
    env.put("FIFO_SOURCE_JDBC_USER", "bot_reader");
    env.put("FIFO_SOURCE_JDBC_PASSWORD", "reader-Pa55word");
    env.put("FIFO_SINK_JDBC_USER", "fifo_writer");
    env.put("FIFO_SINK_JDBC_PASSWORD", "writer-Pa55word");
    env.put("FIFO_SINK_JDBC_SCHEMA", "fifo");
    Path events = work.resolve("events");
    Files.createDirectories(events);

    Result nightly =
        run(
            env,
            "--verbose",
            "--set",
            "spark.eventLog.enabled=true",
            "--set",
            "spark.eventLog.dir=" + events.toUri(),
            "nightly");
    assertEquals(0, nightly.exit(), nightly.toString());
    assertTrue(nightly.out().contains("publish v1: 1 allocations"), nightly.out());
    try (Connection c =
            TestDatabase.connect(TestDatabase.as(db, "fifo_writer", "writer-Pa55word"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pnl FROM fifo.fifo_allocations")) {
      assertTrue(rs.next());
      assertEquals("158.2", rs.getBigDecimal(1).stripTrailingZeros().toPlainString());
    }

    List<Path> everything = new ArrayList<>();
    try (Stream<Path> files = Files.walk(work)) {
      files.filter(Files::isRegularFile).forEach(everything::add);
    }
    assertTrue(everything.stream().anyMatch(p -> p.startsWith(events)), "Spark wrote an event log");
    for (Path file : everything) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertFalse(text.contains("reader-Pa55word"), "a source password in " + file);
      assertFalse(text.contains("writer-Pa55word"), "a sink password in " + file);
    }
  }
}
