package dev.fifopipeline.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bench of issue 5, run by {@code pipeline/bin/fifo-bench}: generates a ledger with the
 * product's generator, then, {@code --runs} times, runs and measures the product's stages (see
 * {@link ProductStages}) and the peers on it, and writes the results file and its JSON.
 */
@Command(
    name = "fifo-bench",
    mixinStandardHelpOptions = true,
    description = {
      "Times the pipeline's stages and the peers (Java floor, DuckDB, PostgreSQL SQL) on a"
          + " generated ledger; writes a markdown results file and a JSON beside it."
    })
public final class FifoBench implements Callable<Integer> {
  @Option(
      names = "--trades",
      defaultValue = "1000000",
      description = "Ledger size (default 1000000).")
  long trades;

  @Option(names = "--symbols", defaultValue = "1000", description = "Symbols (default 1000).")
  int symbols;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default 42).")
  long seed;

  @Option(names = "--hot-share", defaultValue = "0", description = "Share of one hot symbol, 0-1.")
  double hotShare;

  @Option(names = "--runs", defaultValue = "2", description = "Runs of everything (default 2).")
  int runs;

  @Option(
      names = "--stages",
      split = ",",
      description =
          "Optional stages (default all but schedule): incremental, validate, publish, report,"
              + " extract, sql, peers, nightly, small, open-lots, schedule. ingest and"
              + " allocate-full always run.")
  List<String> stages = new ArrayList<>(List.of());

  @Option(
      names = "--open-lots",
      defaultValue = "5000000",
      description = "Buys never sold of the open-lots stage's ledger (default 5000000).")
  long openLots;

  @Option(
      names = "--schedule-runs",
      defaultValue = "288",
      description =
          "Stage schedule: incremental nightlies with a few late trades each (default 288, a day"
              + " of the 5-minute schedule), without and with maintain.")
  int scheduleRuns;

  @Option(
      names = "--maintain-every",
      defaultValue = "12",
      description =
          "Stage schedule: maintain after every N-th run (default 12: hourly); with"
              + " --schedule-processes that run is nightly --maintain.")
  int maintainEvery;

  @Option(
      names = "--schedule-variants",
      split = ",",
      defaultValue = "plain,maintain",
      description =
          "Stage schedule: which variants run, plain (without maintain), maintain, or both (the"
              + " default); one at a time splits a day's runs over two sittings.")
  List<String> scheduleVariants;

  @Option(
      names = "--schedule-from",
      defaultValue = "1",
      description =
          "Stage schedule: resume a day at run K on the lake that an earlier sitting with"
              + " --schedule-until K-1 left in --work (one variant, --runs 1, no other stage);"
              + " the first run of a sitting is a cold process, as run 1 is.")
  int scheduleFrom;

  @Option(
      names = "--schedule-until",
      description =
          "Stage schedule: stop after run M (default --schedule-runs), keeping the lake in --work"
              + " for a later sitting with --schedule-from M+1.")
  Integer scheduleUntil;

  @Option(
      names = "--schedule-processes",
      description =
          "Stage schedule: every nightly a process of its own (as from cron or the timer) instead"
              + " of one nightly --every process per variant (README's service for this"
              + " schedule), which is the default.")
  boolean scheduleProcesses;

  @Option(names = "--heap", defaultValue = "4g", description = "-Xmx of every JVM (default 4g).")
  String heap;

  @Option(
      names = "--master",
      defaultValue = "local[2]",
      description = "spark.master of the stages (default local[2], as in issue 5).")
  String master;

  @Option(names = "--work", description = "Scratch folder (default data/bench).")
  Path work;

  @Option(
      names = "--out",
      description =
          "Results file (default pipeline/src/bench/results/<date>-<trades>x<symbols>.md).")
  Path out;

  @Option(names = "--keep", description = "Keep the lakes and copies of each run.")
  boolean keep;

  @Option(
      names = "--profile",
      description =
          "Log every Spark job's duration (JobTimeLog) to each stage's log file under"
              + " <work>/logs/spark-<run>-<stage>/.")
  boolean profile;

  private final Path home = Path.of(System.getProperty("fifo.home", ".")).toAbsolutePath();

  private String[] args = new String[0];

  public static void main(String[] args) {
    FifoBench bench = new FifoBench();
    bench.args = args.clone();
    System.exit(new CommandLine(bench).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Set<String> known = new LinkedHashSet<>(ProductStages.OPTIONAL);
    known.add("peers");
    known.addAll(RefreshStages.OPTIONAL);
    known.addAll(OpenLots.OPTIONAL);
    Set<String> chosen = new LinkedHashSet<>(stages.isEmpty() ? known : stages);
    known.add(ScheduleStage.NAME); // a day of runs: only when asked for
    if (!known.containsAll(chosen)
        || runs < 1
        || trades < 1
        || symbols < 1
        || scheduleRuns < 1
        || maintainEvery < 1
        || !ScheduleStage.VARIANTS.containsAll(scheduleVariants)) {
      System.err.println(
          "fifo-bench: --stages takes "
              + String.join(",", known)
              + "; --schedule-variants takes "
              + String.join(",", ScheduleStage.VARIANTS)
              + "; --runs, --trades, --symbols, --schedule-runs and --maintain-every must be at"
              + " least 1 (see fifo-bench --help)");
      return 2;
    }
    ScheduleStage.Runs sitting =
        new ScheduleStage.Runs(
            scheduleFrom, scheduleUntil == null ? scheduleRuns : scheduleUntil, scheduleRuns);
    if (sitting.from() < 1
        || sitting.until() < sitting.from()
        || sitting.until() > sitting.day()
        || !sitting.whole()
            && (!chosen.equals(Set.of(ScheduleStage.NAME))
                || scheduleVariants.size() != 1
                || runs != 1
                || work == null
                || !keep)) {
      System.err.println(
          "fifo-bench: a day in sittings needs 1 <= --schedule-from <= --schedule-until <="
              + " --schedule-runs, and --stages schedule, one of --schedule-variants, --runs 1,"
              + " --work and --keep (see fifo-bench --help)");
      return 2;
    }
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path dir = (work == null ? home.resolve("data/bench") : work).toAbsolutePath();
    Files.createDirectories(dir);
    TimedProcess timer = new TimedProcess(dir.resolve("logs"));
    List<Measurement> ms = new ArrayList<>();
    List<Agreement> agreements = new ArrayList<>();
    try (BenchDatabase db = BenchDatabase.start()) {
      Map<String, String> secrets =
          db.password.isEmpty()
              ? Map.of()
              : Map.of(
                  "FIFO_SINK_JDBC_PASSWORD", db.password, "FIFO_SOURCE_JDBC_PASSWORD", db.password);
      List<String> common = new ArrayList<>(List.of("spark.master=" + master));
      if (profile) {
        common.add("spark.extraListeners=dev.fifopipeline.spark.JobTimeLog");
      }
      Launcher launcher =
          new Launcher(
              home, timer, heap, common, secrets, profile ? "-Dfifo.jobs.level=DEBUG" : "");
      Path ledger =
          dir.resolve("ledger-%d-%d-%d-%s.csv".formatted(trades, symbols, seed, hotShare));
      if (sitting
          .resumes()) { // the source folder links the ledger: a new file would be news to ingest
        if (!Files.isRegularFile(ledger)) {
          System.err.println("fifo-bench: no earlier sitting's ledger " + ledger);
          return 2;
        }
      } else {
        Measurement gen = launcher.generate(ledger, trades, symbols, seed, hotShare);
        record(ms, gen);
        if (!gen.ok()) {
          throw new IllegalStateException("generate failed: " + gen.output());
        }
      }
      Path late = dir.resolve("late.csv");
      List<String> lateSymbols = LateBatch.write(ledger, late, 10, 10);
      Path sampleLake = dir.resolve("sample-lake");
      if (chosen.contains("sql")) {
        deleteTree(sampleLake);
        List<String> sample = List.of("lake.path=" + sampleLake);
        launcher.setUp("sample-ingest", sample, "ingest");
        launcher.setUp("sample-allocate", sample, "allocate", "--version", "1");
      }
      ProductStages product =
          new ProductStages(
              launcher, db, chosen, ledger, trades, late, lateSymbols.size() * 10L, sampleLake);
      RefreshStages refresh = new RefreshStages(launcher, timer, db, home, heap);
      List<ScheduleSummary> schedule = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        Path runDir = dir.resolve("run-" + run);
        Path export = run == 1 && chosen.contains("peers") ? runDir.resolve("product.csv") : null;
        if (!sitting.resumes()) {
          deleteTree(runDir);
          Files.createDirectories(runDir);
          product.run(run, runDir, export, m -> record(ms, m));
        }
        if (chosen.contains("peers")) {
          PeerProcess.runAll(
                  timer, run, trades, ledger, runDir, heap, db, export, m -> record(ms, m))
              .forEach(
                  a -> {
                    agreements.add(a);
                    System.out.println("  " + a.peer() + " vs product: " + a.describe());
                  });
        }
        if (chosen.contains("nightly")) {
          refresh.nightly(
              run, runDir, ledger, trades, late, lateSymbols.size() * 10L, m -> record(ms, m));
        }
        if (chosen.contains("small")) {
          refresh.small(run, runDir, m -> record(ms, m));
        }
        if (chosen.contains("open-lots")) {
          new OpenLots(launcher).run(run, runDir, openLots, symbols, m -> record(ms, m));
        }
        if (chosen.contains(ScheduleStage.NAME)) {
          schedule.addAll(
              new ScheduleStage(launcher, sitting, maintainEvery, !scheduleProcesses)
                  .run(run, runDir, ledger, scheduleVariants, m -> record(ms, m)));
        }
        if (!keep) {
          deleteTree(runDir);
        }
      }
      ResultsFile results =
          new ResultsFile(
              "%,d trades over %,d symbols%s"
                  .formatted(trades, symbols, hotShare > 0 ? ", hot share " + hotShare : ""),
              commandLine(),
              started.toString(),
              Machine.current(),
              settings(db, lateSymbols, dir, sitting),
              ms,
              agreements,
              Target.check(ms, hotShare, heap, trades),
              schedule);
      Path md =
          out != null
              ? out
              : home.resolve(
                  "pipeline/src/bench/results/%s-%dx%d.md"
                      .formatted(started.toString().replace(':', '-'), trades, symbols));
      Path json = results.write(md);
      System.out.println();
      results
          .targets()
          .forEach(
              t -> System.out.printf("target %d: %s: %s%n", t.number(), t.status(), t.figure()));
      System.out.println("results: " + md.toAbsolutePath() + " and " + json);
      return 0;
    }
  }

  private Map<String, String> settings(
      BenchDatabase db, List<String> lateSymbols, Path dir, ScheduleStage.Runs sitting)
      throws java.sql.SQLException {
    Map<String, String> s = ResultsFile.newSettings();
    s.put(
        "Spark",
        "spark.master "
            + master
            + ", heap (-Xmx) "
            + heap
            + " per JVM"
            + (profile ? ", --profile" : ""));
    s.put("PostgreSQL", db.describe());
    s.put("Runs", Integer.toString(runs));
    s.put("Late batch", "100 rows, 10 per symbol, for " + String.join(", ", lateSymbols));
    if (stages.contains(ScheduleStage.NAME)) {
      s.put(
          "Schedule",
          "%s, %s, late batch %d symbols x %d trades per run, maintain every %d, %s"
              .formatted(
                  String.join(" and ", scheduleVariants),
                  sitting.describe(),
                  ScheduleStage.SYMBOLS,
                  ScheduleStage.ROWS,
                  maintainEvery,
                  scheduleProcesses
                      ? "a process per run"
                      : "one nightly --every process per variant"));
    }
    s.put("Scratch", dir.toString());
    return s;
  }

  private static void record(List<Measurement> ms, Measurement m) {
    ms.add(m);
    System.out.printf(
        "%-10s %-22s run %d: %8.2f s %12s rows/s  heap %5s MiB  %s%n",
        m.group(),
        m.name(),
        m.run(),
        m.wallSeconds(),
        "%,d".formatted(m.rowsPerSecond()),
        m.gc().peakUsedMb() < 0 ? "-" : Long.toString(m.gc().peakUsedMb()),
        (m.ok() ? "" : "EXIT " + m.exitCode() + ": ") + m.output());
  }

  /** The command as typed, arguments quoted where the shell needs it. */
  private String commandLine() {
    StringBuilder line = new StringBuilder("pipeline/bin/fifo-bench");
    for (String arg : args) {
      line.append(' ')
          .append(
              arg.matches("[\\w@%+=:,./\\[\\]-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return line.toString();
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
