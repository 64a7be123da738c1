package dev.fifopipeline.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.testing.DataFrames;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Crash points killed for real: the launcher's JVM waits at a named point (CrashPoints' {@code
 * wait} mode) and the test kills it with SIGKILL, then a rerun must leave the lake and PostgreSQL
 * an uninterrupted run leaves, with no half-written version anywhere. Also two runs started at the
 * same instant, and a reader querying the lake while another process commits. One uninterrupted
 * baseline serves every case; a killed run's successor is often the next case's victim, so that
 * each launcher start (tens of seconds here) proves as much as it can.
 */
@Tag("process")
class CrashPointsIT {
  private static final Path ROOT =
      Path.of(System.getProperty("fifo.project.root", "..")).toAbsolutePath().normalize();

  /**
   * The bot's ledger in PostgreSQL: FIFO and LIFO differ on BTC; ETH sells more than it holds until
   * reconcile adds M1; Z1 (size 0) goes to review.
   */
  private static final String LEDGER =
      "INSERT INTO trade_records VALUES"
          + " ('B1', 'BTC-USD', 'buy', '2025-01-01T00:00:00Z', 100, 10, 1, '2025-01-05T00:00:00Z'),"
          + " ('B2', 'BTC-USD', 'buy', '2025-01-02T00:00:00Z', 110, 5, 0.5, '2025-01-05T00:00:00Z'),"
          + " ('S1', 'BTC-USD', 'sell', '2025-01-03T00:00:00Z', 120, 12, 1.2, '2025-01-05T00:00:00Z'),"
          + " ('E1', 'ETH-USD', 'buy', '2025-01-01T00:00:00Z', 10, 1, 0.1, '2025-01-05T00:00:00Z'),"
          + " ('E2', 'ETH-USD', 'sell', '2025-01-02T00:00:00Z', 12, 3, 0.3, '2025-01-05T00:00:00Z'),"
          + " ('Z1', 'BTC-USD', 'buy', '2025-01-01T06:00:00Z', 100, 0, 0, '2025-01-05T00:00:00Z')";

  /**
   * The same ledger as a CSV file, for the file source; without the source column, which PostgreSQL
   * holds as null for these rows.
   */
  private static final String LEDGER_CSV =
      "order_id,symbol,side,order_time,price,size,fees,ingested_at\n"
          + "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1,2025-01-05T00:00:00Z\n"
          + "B2,BTC-USD,buy,2025-01-02T00:00:00Z,110,5,0.5,2025-01-05T00:00:00Z\n"
          + "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,12,1.2,2025-01-05T00:00:00Z\n"
          + "E1,ETH-USD,buy,2025-01-01T00:00:00Z,10,1,0.1,2025-01-05T00:00:00Z\n"
          + "E2,ETH-USD,sell,2025-01-02T00:00:00Z,12,3,0.3,2025-01-05T00:00:00Z\n"
          + "Z1,BTC-USD,buy,2025-01-01T06:00:00Z,100,0,0,2025-01-05T00:00:00Z\n";

  /** The exchange's fills: M1 is missing from the ledger; reconcile appends it. */
  private static final String FILLS =
      "order_id,symbol,side,order_time,price,size,fees\n"
          + "M1,ETH-USD,buy,2025-01-01T12:00:00Z,11,2,0.2\n";

  /**
   * Columns that say when or by which run, left out of every comparison; ledger_through is the
   * latest ingested_at, which for the backfilled M1 is when reconcile ran; id is a serial key, and
   * PostgreSQL never hands back the numbers a killed transaction drew.
   */
  private static final Set<String> RUN_COLUMNS =
      Set.of(
          "id",
          "batch_id",
          "computed_at",
          "detected_at",
          "ingested_at",
          "lake_ingested_at",
          "started_at",
          "duration_ms",
          "mode",
          "ledger_through",
          "published_at");

  private static final List<String> LAKE_TABLES =
      List.of(
          "trade_records",
          "fifo_allocations",
          "fifo_inventory_snapshot",
          "fifo_computation_log",
          "manual_review_queue",
          "pnl_by_symbol",
          "win_rate",
          "tax_lots",
          "tax_summary");

  private static final List<String> DATABASE_TABLES =
      List.of(
          "trade_records",
          "fifo_allocations",
          "fifo_inventory_snapshot",
          "fifo_computation_log",
          "manual_review_queue");

  private static Path work;
  private static JdbcSettings seed;
  private static Path baselineLake;
  private static JdbcSettings baselineDb;

  record Result(int exit, String out, String err) {}

  /**
   * A launcher run on {@code lake} with the sink in {@code db} and the ledger there too, or, when
   * {@code ledgerFile} is given, in that CSV file.
   */
  private static final class Run {
    final Process process;
    final String name;
    final String what;
    final long started = System.nanoTime();

    Run(Path lake, JdbcSettings db, String javaOpts, String... args) throws IOException {
      this(lake, db, null, javaOpts, args);
    }

    Run(Path lake, JdbcSettings db, Path ledgerFile, String javaOpts, String... args)
        throws IOException {
      List<String> command =
          new ArrayList<>(List.of(ROOT.resolve("pipeline/bin/fifo-pipeline").toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
      Map<String, String> env = builder.environment();
      env.put("FIFO_LAKE_PATH", lake.toString());
      env.put("FIFO_LOG_DIR", work.resolve("logs").toString());
      env.put("FIFO_REPORT_OUT", lake.resolveSibling(lake.getFileName() + "-reports").toString());
      if (ledgerFile == null) {
        env.put("FIFO_SOURCE_KIND", "jdbc");
        env.put("FIFO_SOURCE_JDBC_URL", db.url());
        env.put("FIFO_SOURCE_JDBC_USER", db.user());
        env.put("FIFO_SOURCE_JDBC_PASSWORD", db.password().value());
        env.put("FIFO_SOURCE_JDBC_PARTITIONS", "1");
      } else {
        env.put("FIFO_SOURCE_KIND", "csv");
        env.put("FIFO_SOURCE_PATH", ledgerFile.toString());
        env.put("FIFO_SINK_JDBC_URL", db.url());
        env.put("FIFO_SINK_JDBC_USER", db.user());
        env.put("FIFO_SINK_JDBC_PASSWORD", db.password().value());
      }
      env.merge("FIFO_JAVA_OPTS", javaOpts, (inherited, own) -> inherited + " " + own);
      name = "run-" + System.nanoTime();
      what =
          lake.getFileName()
              + ": "
              + String.join(" ", args)
              + (javaOpts.isEmpty() ? "" : " (" + javaOpts.replaceAll(" .*", "") + ")");
      builder
          .redirectOutput(work.resolve(name + ".out").toFile())
          .redirectError(work.resolve(name + ".err").toFile());
      process = builder.start();
    }

    Result finish() throws Exception {
      assertTrue(process.waitFor(10, TimeUnit.MINUTES), "launcher timed out");
      // the cost of each launcher start, for the README's figures
      System.err.printf(
          "CrashPointsIT: %s: exit %d after %d s%n",
          what, process.exitValue(), (System.nanoTime() - started) / 1_000_000_000);
      return new Result(
          process.exitValue(),
          Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8),
          Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8));
    }
  }

  private static Result run(Path lake, JdbcSettings db, String... args) throws Exception {
    return run(lake, db, null, args);
  }

  private static Result run(Path lake, JdbcSettings db, Path ledgerFile, String... args)
      throws Exception {
    Result result = new Run(lake, db, ledgerFile, "", args).finish();
    assertEquals(0, result.exit(), String.join(" ", args) + ": " + result);
    return result;
  }

  /**
   * Starts a run that stops at {@code point} and waits there, then kills it with SIGKILL. The
   * launcher execs Java, so the process killed is the JVM itself (no wrapper shell survives).
   *
   * @param atPoint checks made while the run waits at the point
   */
  private static void killAt(
      String point, Path lake, JdbcSettings db, CheckedRunnable atPoint, String... args)
      throws Exception {
    killAt(point, lake, db, null, atPoint, args);
  }

  /**
   * {@link #killAt(String, Path, JdbcSettings, CheckedRunnable, String...)} with the ledger in a
   * file.
   */
  private static void killAt(
      String point,
      Path lake,
      JdbcSettings db,
      Path ledgerFile,
      CheckedRunnable atPoint,
      String... args)
      throws Exception {
    Path signal = work.resolve("at-" + point + "-" + System.nanoTime());
    Run victim =
        new Run(
            lake,
            db,
            ledgerFile,
            "-Dfifo.crash-at=" + point + " -Dfifo.crash-mode=wait -Dfifo.crash-signal=" + signal,
            args);
    long deadline = System.currentTimeMillis() + 300_000;
    while (!Files.exists(signal)
        && victim.process.isAlive()
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    if (!Files.exists(signal)) {
      victim.process.destroyForcibly();
      throw new AssertionError(point + " was never reached: " + victim.finish());
    }
    assertEquals(point, Files.readString(signal, StandardCharsets.UTF_8));
    assertTrue(
        victim.process.info().command().orElse("").endsWith("java"),
        "the launcher's process is the JVM: " + victim.process.info());
    try {
      atPoint.run();
    } finally {
      victim.process.destroyForcibly(); // SIGKILL
    }
    Result killed = victim.finish();
    assertEquals(137, killed.exit(), "killed with SIGKILL at " + point + ": " + killed);
  }

  @FunctionalInterface
  interface CheckedRunnable {
    void run() throws Exception;
  }

  /** The uninterrupted run: reconcile --auto-backfill, then a nightly that publishes. */
  @BeforeAll
  static void baseline() throws Exception {
    work = Files.createTempDirectory("crash-points-");
    Files.writeString(work.resolve("fills.csv"), FILLS);
    Files.writeString(work.resolve("ledger.csv"), LEDGER_CSV);
    seed = TestDatabase.freshDatabase("trade_records");
    TestDatabase.execute(
        seed,
        "CREATE TABLE trade_records (order_id text PRIMARY KEY, symbol text, side text,"
            + " order_time timestamptz, price numeric, size numeric, fees numeric,"
            + " ingested_at timestamptz, source text)",
        LEDGER);
    baselineDb = TestDatabase.copyOf(seed);
    baselineLake = work.resolve("baseline");
    Result reconcile = reconcile(baselineLake, baselineDb);
    assertTrue(reconcile.out().contains("1 missing in the ledger"), reconcile.out());
    assertTrue(reconcile.out().contains("1 backfilled"), reconcile.out());
    run(baselineLake, baselineDb, "nightly");
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Result reconcile(Path lake, JdbcSettings db) throws Exception {
    return run(
        lake,
        db,
        "reconcile",
        "--fills",
        work.resolve("fills.csv").toString(),
        "--auto-backfill",
        "--out",
        work.resolve("listing-" + System.nanoTime() + ".csv").toString());
  }

  /**
   * Every crash point of every writing command killed with SIGKILL in turn on one lake and database
   * with the ledger in PostgreSQL, each killed run's rerun the next victim where it can be:
   * reconcile before its ledger commit, then its rerun; a nightly after its ingest; a standalone
   * allocate after each of its three writes; a nightly after its allocate; a nightly during
   * publish's COPY of fifo_allocations (the server is inside that COPY when the client dies); a
   * standalone publish after the COPY of each of its four tables and just before its commit; a
   * standalone {@code report all} after its first table and after a middle one; then a nightly,
   * which completes the lost publish and report.
   *
   * <p>Report writes its ten tables in one loop inside one journaled run, the crash point the same
   * statement after each table: after the first (pnl_by_symbol) the next run has to undo a run with
   * one table written and nine not; after tax_lots, the sixth, streamed per symbol, one with tables
   * replaced whole and per symbol written and others not yet. The points after the other tables
   * differ from these only in how many tables the undo restores, and a kill costs a launcher start
   * (tens of seconds here), so they are left to the in-process tests.
   *
   * <p>After each kill inside publish nothing of the killed transaction is in PostgreSQL; after a
   * kill inside a journaled run the lake knows a run died; at the end the lake and the database
   * equal the uninterrupted run's.
   */
  @Test
  void runsKilledAtEachCrashPointAreCompletedByTheNextToTheUninterruptedResult() throws Exception {
    JdbcSettings db = TestDatabase.copyOf(seed);
    Path lake = work.resolve("victim");
    String[] reconcile = backfill("victim-listing.csv");

    killAt("reconcile.before-commit", lake, db, () -> {}, reconcile);
    assertEquals(0L, scalar(db, "SELECT count(*) FROM trade_records WHERE order_id = 'M1'"));
    Result rerun = new Run(lake, db, "", reconcile).finish();
    assertEquals(0, rerun.exit(), rerun.toString());
    assertTrue(rerun.out().contains("1 backfilled"), rerun.out());
    assertEquals(1L, scalar(db, "SELECT count(*) FROM trade_records WHERE order_id = 'M1'"));

    killAt("nightly.after-ingest", lake, db, () -> {}, "nightly");
    assertFalse(Files.exists(lake.resolve("_fifo/journal.json")), "ingest had committed");
    for (String point :
        List.of(
            "allocate.after-allocations", "allocate.after-inventory", "allocate.after-review")) {
      killAt(point, lake, db, () -> {}, "allocate", "--version", "1");
      assertTrue(Files.exists(lake.resolve("_fifo/journal.json")), "a run died in " + point);
    }
    killAt("nightly.after-allocate", lake, db, () -> {}, "nightly");
    assertFalse(Files.exists(lake.resolve("_fifo/journal.json")), "allocate had committed");

    killAt(
        "publish.during-copy-fifo_allocations",
        lake,
        db,
        () ->
            assertEquals(
                1L,
                scalar(
                    TestDatabase.admin(),
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                        + databaseName(db)
                        + "' AND state = 'active' AND query LIKE 'COPY stage_fifo_allocations %'"),
                "the server is inside the COPY"),
        "nightly");
    assertNothingPublished(db);
    for (String table :
        List.of(
            "fifo_allocations",
            "fifo_inventory_snapshot",
            "manual_review_queue",
            "fifo_computation_log")) {
      killAt("publish.after-copy-" + table, lake, db, () -> {}, "publish", "--version", "1");
      assertNothingPublished(db);
    }
    killAt("publish.before-commit", lake, db, () -> {}, "publish", "--version", "1");
    assertNothingPublished(db);

    for (String table : List.of("pnl_by_symbol", "tax_lots")) {
      killAt("report.after-" + table, lake, db, () -> {}, "report", "all", "--version", "1");
      assertTrue(Files.exists(lake.resolve("_fifo/journal.json")), "a report died after " + table);
    }

    run(lake, db, "nightly");
    assertNoPartialVersion(lake, db);
    assertSameLake(baselineLake, lake, Set.of());
    assertSameDatabase(baselineDb, db, DATABASE_TABLES, Set.of());
  }

  /**
   * The ledger in a CSV file, whose backfill goes into the lake through ingest: a standalone ingest
   * killed after its ledger write, then {@code reconcile --auto-backfill} killed at the same point
   * inside its backfill (it undoes the killed ingest first), its rerun, and a nightly that ingests
   * the file and publishes to PostgreSQL. The lake and the published tables equal the uninterrupted
   * run's (whose ledger was in PostgreSQL) but for the review rows' details, which quote the source
   * row as the source typed it (text from a file, numbers from PostgreSQL); the bot's table in
   * PostgreSQL is untouched, a file source's backfill never writing there.
   */
  @Test
  void runsKilledInIngestAndInAFileBackfillAreCompletedByTheNextToTheUninterruptedResult()
      throws Exception {
    JdbcSettings db = TestDatabase.copyOf(seed);
    Path lake = work.resolve("file-victim");
    Path ledger = work.resolve("ledger.csv");
    String[] reconcile = backfill("file-victim-listing.csv");

    killAt("ingest.after-ledger", lake, db, ledger, () -> {}, "ingest");
    assertTrue(Files.exists(lake.resolve("_fifo/journal.json")), "a run died in ingest");
    killAt("ingest.after-ledger", lake, db, ledger, () -> {}, reconcile);
    assertTrue(Files.exists(lake.resolve("_fifo/journal.json")), "a run died in the backfill");
    Result rerun = run(lake, db, ledger, reconcile);
    assertTrue(rerun.out().contains("1 backfilled"), rerun.out());
    assertTrue(rerun.err().contains("undid the interrupted run"), rerun.err());
    run(lake, db, ledger, "nightly");

    assertNoPartialVersion(lake, db);
    assertSameLake(baselineLake, lake, Set.of("details"));
    assertSameDatabase(
        baselineDb, db, DATABASE_TABLES.subList(1, DATABASE_TABLES.size()), Set.of("details"));
    String ledgerQuery = "SELECT * FROM trade_records";
    assertEquals(rows(seed, ledgerQuery, Set.of()), rows(db, ledgerQuery, Set.of()));
  }

  /**
   * Two runs started back to back, before either can hold the lock, on a lake that a reader keeps
   * querying: exactly one computes version 2 and the other exits at once with exit 3 and one line;
   * every answer the reader gets is the lake before or after that one commit, never an error or a
   * mix.
   */
  @Test
  void twoRunsStartedAtOnceOneWinsWhileAReaderSeesOnlyWholeVersions() throws Exception {
    Path lake = work.resolve("shared");
    copy(baselineLake, lake);
    SparkSession spark = SharedSpark.session();
    String allocations = lake.resolve("fifo_allocations").toString();
    long commitsBefore = commits(lake.resolve("fifo_allocations"));
    List<String> before = answer(spark, allocations);

    Run first = new Run(lake, baselineDb, "", "allocate", "--version", "2", "--method", "lifo");
    Run second = new Run(lake, baselineDb, "", "allocate", "--version", "2", "--method", "lifo");
    List<List<String>> answers = new ArrayList<>();
    while (first.process.isAlive() || second.process.isAlive()) {
      answers.add(answer(spark, allocations));
    }
    Result one = first.finish();
    Result two = second.finish();
    List<String> after = answer(spark, allocations);

    List<Result> results = List.of(one, two);
    assertEquals(
        1, results.stream().filter(r -> r.exit() == 0).count(), "one run wins: " + results);
    Result loser = results.stream().filter(r -> r.exit() != 0).findFirst().orElseThrow();
    assertEquals(3, loser.exit(), loser.toString());
    assertEquals("", loser.out());
    assertEquals(1, loser.err().strip().lines().count(), loser.err());
    assertTrue(
        loser.err().startsWith("Cannot run: another fifo-pipeline run is using the lake"),
        loser.err());

    assertNotEquals(before, after, "version 2 adds allocations");
    assertTrue(answers.size() >= 2, "the reader queried while the runs ran: " + answers);
    for (List<String> answer : answers) {
      assertTrue(
          answer.equals(before) || answer.equals(after),
          "an answer of the old or the new lake: " + answer + " vs " + before + " / " + after);
    }
    assertEquals(commitsBefore + 1, commits(lake.resolve("fifo_allocations")), "one run committed");
    assertEquals(
        1L,
        spark
            .read()
            .format("delta")
            .load(lake.resolve("fifo_computation_log").toString())
            .filter(col("allocation_version").equalTo(2))
            .select("batch_id")
            .distinct()
            .count(),
        "version 2 is one run's");
    assertFalse(Files.exists(lake.resolve("_fifo/journal.json")));
  }

  /** Count, allocated size and pnl of fifo_allocations per version, as plain strings. */
  private static List<String> answer(SparkSession spark, String allocations) {
    List<String> rows = new ArrayList<>();
    for (Row row :
        spark
            .read()
            .format("delta")
            .load(allocations)
            .groupBy("allocation_version")
            .agg(count("*"), sum("allocated_size"), sum("pnl"))
            .orderBy("allocation_version")
            .collectAsList()) {
      rows.add(
          row.get(0)
              + ":"
              + row.get(1)
              + ":"
              + plain(row.getDecimal(2))
              + ":"
              + plain(row.getDecimal(3)));
    }
    return rows;
  }

  private static long commits(Path table) throws IOException {
    try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
      return files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).count();
    }
  }

  /** PostgreSQL holds nothing of a publish whose process was killed before its commit. */
  private static void assertNothingPublished(JdbcSettings db) throws Exception {
    // the server ends the killed client's transaction when it sees the connection close
    long deadline = System.currentTimeMillis() + 60_000;
    while (scalar(
                TestDatabase.admin(),
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                    + databaseName(db)
                    + "' AND state <> 'idle' AND pid <> pg_backend_pid()")
            > 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    for (String table :
        List.of(
            "fifo_publish_log",
            "fifo_allocations",
            "fifo_inventory_snapshot",
            "fifo_computation_log")) {
      assertEquals(0L, scalar(db, "SELECT count(*) FROM " + table), table);
    }
  }

  /**
   * No half-written version: no interrupted run's journal, every computation succeeded, and each
   * published (version, symbol) holds the rows of one batch, the lake's latest.
   */
  private static void assertNoPartialVersion(Path lake, JdbcSettings db) throws Exception {
    assertFalse(Files.exists(lake.resolve("_fifo/journal.json")), "no interrupted run");
    SparkSession spark = SharedSpark.session();
    Dataset<Row> log =
        spark.read().format("delta").load(lake.resolve("fifo_computation_log").toString());
    assertEquals(0L, log.filter(col("status").notEqual("succeeded")).count(), "log statuses");
    assertEquals(
        0L,
        scalar(
            db,
            "SELECT count(*) FROM (SELECT allocation_version, symbol FROM fifo_allocations"
                + " GROUP BY 1, 2 HAVING count(DISTINCT batch_id) > 1) mixed"));
    Dataset<Row> lakeBatches =
        spark
            .read()
            .format("delta")
            .load(lake.resolve("fifo_allocations").toString())
            .select("allocation_version", "symbol", "batch_id")
            .distinct();
    List<String> published =
        rows(
            db,
            "SELECT DISTINCT allocation_version, symbol, batch_id FROM fifo_allocations",
            Set.of());
    List<String> inLake = new ArrayList<>();
    lakeBatches
        .collectAsList()
        .forEach(
            r ->
                inLake.add(
                    "allocation_version="
                        + r.get(0)
                        + "|symbol="
                        + r.get(1)
                        + "|batch_id="
                        + r.get(2)
                        + "|"));
    inLake.sort(null);
    assertEquals(inLake, published, "the database holds the lake's batches");
    assertEquals(
        1L,
        scalar(db, "SELECT count(*) FROM fifo_publish_log"),
        "one publish committed, by the rerun");
  }

  /**
   * The tables of two lakes hold the same rows, leaving out when and by which run, and the {@code
   * alsoLeftOut} columns.
   */
  private static void assertSameLake(Path expected, Path actual, Set<String> alsoLeftOut) {
    SparkSession spark = SharedSpark.session();
    Set<String> leftOut = new java.util.HashSet<>(RUN_COLUMNS);
    leftOut.addAll(alsoLeftOut);
    for (String table : LAKE_TABLES) {
      Dataset<Row> want = spark.read().format("delta").load(expected.resolve(table).toString());
      Dataset<Row> got = spark.read().format("delta").load(actual.resolve(table).toString());
      for (String column : leftOut) {
        want = want.drop(column);
        got = got.drop(column);
      }
      if (table.equals("fifo_computation_log")) {
        // a rerun with nothing new to compute adds no rows; one that redoes the work adds equal
        // ones
        want = want.distinct();
        got = got.distinct();
      }
      assertEquals(want.count(), got.count(), "rows of lake table " + table);
      DataFrames.assertSameRows(want, got);
    }
  }

  /**
   * The {@code tables} of two databases hold the same rows, leaving out when and by which run, and
   * the {@code alsoLeftOut} columns.
   */
  private static void assertSameDatabase(
      JdbcSettings expected, JdbcSettings actual, List<String> tables, Set<String> alsoLeftOut)
      throws Exception {
    Set<String> leftOut = new java.util.HashSet<>(RUN_COLUMNS);
    leftOut.addAll(alsoLeftOut);
    for (String table : tables) {
      String query = "SELECT * FROM " + table;
      List<String> want = rows(expected, query, leftOut);
      List<String> got = rows(actual, query, leftOut);
      if (table.equals("fifo_computation_log")) {
        want = want.stream().distinct().toList();
        got = got.stream().distinct().toList();
      }
      assertFalse(want.isEmpty(), "the baseline published " + table);
      assertEquals(want, got, "rows of database table " + table);
    }
  }

  /** The rows of a query as sorted strings, without the {@code leftOut} columns. */
  private static List<String> rows(JdbcSettings db, String query, Set<String> leftOut)
      throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = TestDatabase.connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          if (leftOut.contains(meta.getColumnName(i))) {
            continue;
          }
          Object value = rs.getObject(i);
          row.append(meta.getColumnName(i))
              .append('=')
              .append(value instanceof BigDecimal d ? plain(d) : String.valueOf(value))
              .append('|');
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  private static long scalar(JdbcSettings db, String query) throws Exception {
    try (Connection c = TestDatabase.connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      assertTrue(rs.next(), query);
      return rs.getLong(1);
    }
  }

  private static String databaseName(JdbcSettings db) {
    return db.url().replaceAll(".*/([^/?]+).*", "$1");
  }

  private static String plain(BigDecimal d) {
    return d == null ? "null" : d.stripTrailingZeros().toPlainString();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** {@code reconcile --auto-backfill} of fills.csv, listing the differences to {@code listing}. */
  private String[] backfill(String listing) {
    return new String[] {
      "reconcile",
      "--fills",
      work.resolve("fills.csv").toString(),
      "--auto-backfill",
      "--out",
      work.resolve(listing).toString()
    };
  }
}
