package dev.fifopipeline.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a refresh costs and what a command costs on a tiny ledger, each stage a launcher process of
 * its own (issue 15):
 *
 * <ul>
 *   <li>{@code nightly}: on a fresh lake whose source is a folder holding the bench's ledger,
 *       {@code nightly-first} (every step, publish to schema {@code fifo_bench_nightly_rN}
 *       included), then the late batch dropped into the folder and {@code nightly-incremental},
 *       then {@code nightly-noop} with nothing new; then the same refresh in one running {@code
 *       nightly --every 1s} process, as the schedule of every few minutes runs it: a late batch of
 *       other trades of the same size lands before its first run (warm-up, not a figure), another
 *       after it, whose run is {@code nightly-incremental-warm}, and the next run with nothing new
 *       is {@code nightly-noop-warm}.
 *   <li>{@code small}: the baseline {@code spark-delta-hello} (a bare JVM with the product's jars
 *       and flags writing and reading a 10-row Delta table), {@code small-nightly-sample} and
 *       {@code small-nightly-noop} on the bundled sample without a database, then each command on a
 *       15-trade ledger ({@code small-ingest}, {@code small-allocate}, {@code small-validate},
 *       {@code small-publish}, {@code small-report}, {@code small-sql}).
 * </ul>
 */
final class RefreshStages {
  /** The stages this class runs, as {@code --stages} names them. */
  static final List<String> OPTIONAL = List.of("nightly", "small");

  private final Launcher launcher;
  private final TimedProcess timer;
  private final BenchDatabase db;
  private final Path home;
  private final String heap;

  RefreshStages(Launcher launcher, TimedProcess timer, BenchDatabase db, Path home, String heap) {
    this.launcher = launcher;
    this.timer = timer;
    this.db = db;
    this.home = home;
    this.heap = heap;
  }

  /** The nightly stages of run {@code run} in {@code dir}. */
  void nightly(
      int run,
      Path dir,
      Path ledger,
      long trades,
      Path late,
      long lateRows,
      Consumer<Measurement> sink)
      throws IOException, InterruptedException, SQLException {
    Path source = dir.resolve("nightly-source");
    Files.createDirectories(source);
    link(ledger, source.resolve("ledger.csv"));
    String schema = "fifo_bench_nightly_r" + run;
    db.freshSchema(schema);
    List<String> settings =
        List.of(
            "lake.path=" + dir.resolve("lake-nightly"),
            "source.kind=csv",
            "source.path=" + source,
            "report.out=" + dir.resolve("reports-nightly"),
            "sink.jdbc.url=" + db.url,
            "sink.jdbc.user=" + db.user,
            "sink.jdbc.schema=" + schema);
    Measurement first = launcher.stage("nightly-first", run, trades, settings, "nightly");
    sink.accept(first);
    if (!first.ok()) {
      return;
    }
    Files.copy(late, source.resolve("late.csv"), StandardCopyOption.REPLACE_EXISTING);
    sink.accept(launcher.stage("nightly-incremental", run, lateRows, settings, "nightly"));
    sink.accept(launcher.stage("nightly-noop", run, 0, settings, "nightly"));
    warm(run, dir, ledger, source, settings, lateRows, sink);
  }

  /**
   * The refresh and a nothing-new run in one {@code nightly --every 1s} process, each late batch
   * {@code lateRows / 10} symbols x 10 trades, written beside the source folder and moved in.
   */
  private void warm(
      int run,
      Path dir,
      Path ledger,
      Path source,
      List<String> settings,
      long lateRows,
      Consumer<Measurement> sink)
      throws IOException, InterruptedException {
    Path staging = Files.createDirectories(dir.resolve("nightly-staging"));
    int symbols = (int) (lateRows / 10);
    landLate(ledger, staging, source, symbols, 1);
    try (EveryProcess nightly =
        EveryProcess.start(launcher, "r" + run + "-nightly-every", settings)) {
      nightly.awaitRun(1);
      landLate(ledger, staging, source, symbols, 2);
      sink.accept(
          nightly.measurement(
              "product", "nightly-incremental-warm", run, lateRows, nightly.awaitRun(2)));
      sink.accept(
          nightly.measurement(
              "product", "nightly-noop-warm", run, 0, nightly.awaitNothingNewAfter(2)));
    }
  }

  /** Round {@code round}'s late batch of {@code symbols} x 10 trades, landed in {@code source}. */
  private static void landLate(Path ledger, Path staging, Path source, int symbols, int round)
      throws IOException {
    LateBatch.land(
        ledger, staging, source.resolve("late-warm-%d.csv".formatted(round)), symbols, 10, round);
  }

  /** The small stages of run {@code run} in {@code dir}. */
  void small(int run, Path dir, Consumer<Measurement> sink)
      throws IOException, InterruptedException, SQLException {
    sink.accept(hello(run, dir.resolve("hello")));

    List<String> sample =
        List.of(
            "lake.path=" + dir.resolve("small-sample-lake"),
            "report.out=" + dir.resolve("small-sample-reports"));
    sink.accept(launcher.stage("small-nightly-sample", run, 2_748, sample, "nightly"));
    sink.accept(launcher.stage("small-nightly-noop", run, 0, sample, "nightly"));

    Path tiny = dir.resolve("tiny-ledger.csv");
    launcher.setUp(
        "r" + run + "-small-generate",
        List.of(),
        "generate",
        "--out",
        tiny.toString(),
        "--trades",
        "15",
        "--symbols",
        "3",
        "--seed",
        "7");
    String schema = "fifo_bench_small_r" + run;
    db.freshSchema(schema);
    List<String> small =
        List.of(
            "lake.path=" + dir.resolve("small-lake"),
            "source.kind=csv",
            "source.path=" + tiny,
            "sink.jdbc.url=" + db.url,
            "sink.jdbc.user=" + db.user,
            "sink.jdbc.schema=" + schema);
    sink.accept(launcher.stage("small-ingest", run, 15, small, "ingest"));
    sink.accept(launcher.stage("small-allocate", run, 15, small, "allocate", "--version", "1"));
    sink.accept(launcher.stage("small-validate", run, 15, small, "validate", "--version", "1"));
    sink.accept(launcher.stage("small-publish", run, 15, small, "publish", "--version", "1"));
    sink.accept(
        launcher.stage(
            "small-report",
            run,
            15,
            small,
            "report",
            "all",
            "--version",
            "1",
            "--out",
            dir.resolve("small-reports").toString()));
    sink.accept(
        launcher.stage(
            "small-sql",
            run,
            15,
            small,
            "sql",
            "SELECT count(*) AS allocations, sum(pnl) AS pnl FROM fifo_allocations",
            "--format",
            "csv"));
  }

  /** The baseline: {@link SparkDeltaHello} with the launcher's jars, flags and class archive. */
  private Measurement hello(int run, Path table) throws IOException, InterruptedException {
    Path target = home.resolve("pipeline/target");
    String id = "r" + run + "-spark-delta-hello";
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : Files.readString(target.resolve("launcher/jvm-options")).split("\\s+")) {
      if (!option.isBlank()) {
        command.add(option);
      }
    }
    Path archive = target.resolve("launcher/classes.jsa");
    if (Files.exists(archive)) {
      command.add("-XX:SharedArchiveFile=" + archive);
      command.add("-Xlog:cds=off");
      command.add("-Xlog:cds+dynamic=off");
    }
    command.addAll(
        List.of(
            "-Xmx" + heap,
            "-Duser.timezone=UTC",
            // the product's logging, not the test classes' log4j2-test file that stdout would show
            "-Dlog4j2.configurationFile=log4j2.properties",
            "-Dfifo.log.dir=" + timer.gcLog(id).resolveSibling("spark-" + id),
            GcLog.jvmOption(timer.gcLog(id)),
            "-cp",
            applicationJar(target)
                + ":"
                + target.resolve("spark-jars")
                + "/*:"
                + target.resolve("test-classes"),
            SparkDeltaHello.class.getName(),
            table.toString()));
    return timer.run(
        "product",
        "spark-delta-hello",
        run,
        id,
        10,
        command,
        Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
  }

  private static Path applicationJar(Path target) throws IOException {
    try (var files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("fifo-pipeline-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IOException("no application jar in " + target));
    }
  }

  /** A hard link of {@code from} at {@code to} (a copy where links are not possible). */
  private static void link(Path from, Path to) throws IOException {
    Files.deleteIfExists(to);
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to);
    }
  }
}
