package dev.fifopipeline.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A day of the 5-minute schedule (issue 16, stage {@code schedule}): on a fresh lake whose source
 * is a folder holding the bench's ledger, a first nightly (set-up, not timed), then the day's
 * incremental nightlies (288 make a day), each after a late batch of {@link #SYMBOLS} symbols x
 * {@link #ROWS} old trades lands in the folder as a file of its own. Per variant: without maintain,
 * and with a maintain every {@code maintainEvery}-th run (12: hourly). The nightlies run in one
 * {@code nightly --every} process per variant, or each in a launcher process of its own; after the
 * last, {@code doctor} gives each table's data files and commits. A day can run in sittings ({@link
 * Runs}): each but the last stops after a run and leaves its lake and source for the next, which
 * starts a new process.
 */
final class ScheduleStage {
  static final String NAME = "schedule";
  static final int SYMBOLS = 3;
  static final int ROWS = 2;

  /** The variants: without maintain, and with it every {@code maintainEvery} runs. */
  static final List<String> VARIANTS = List.of("plain", "maintain");

  private static final Pattern HEALTHY =
      Pattern.compile("(\\w+): healthy \\(version (\\d+), ([\\d,]+) data files\\)");

  /**
   * Which runs of the day this sitting runs.
   *
   * @param from the first (1 for a fresh lake)
   * @param until the last
   * @param day runs in the whole day
   */
  record Runs(int from, int until, int day) {
    /** A whole day of {@code day} runs in one sitting. */
    static Runs all(int day) {
      return new Runs(1, day, day);
    }

    /** Whether this sitting is the whole day. */
    boolean whole() {
      return from == 1 && until == day;
    }

    /** Whether this sitting continues the lake of an earlier one. */
    boolean resumes() {
      return from > 1;
    }

    /** E.g. "288 runs each", or "runs 201-288 of 288". */
    String describe() {
      return whole() ? day + " runs each" : "runs %d-%d of %d".formatted(from, until, day);
    }

    /** The suffix of this sitting's process and log names: "" for a sitting from run 1. */
    String suffix() {
      return resumes() ? "-from-" + from : "";
    }
  }

  private final Launcher launcher;
  private final Runs runs;
  private final int maintainEvery;
  private final boolean oneProcess;

  /**
   * @param oneProcess run each variant's nightlies in one {@code nightly --every} process (README's
   *     service for this schedule), the lake maintained by a {@code maintain} process of its own
   *     between two runs; else each nightly is a launcher process of its own, every {@code
   *     maintainEvery}-th a {@code nightly --maintain}
   */
  ScheduleStage(Launcher launcher, Runs runs, int maintainEvery, boolean oneProcess) {
    this.launcher = launcher;
    this.runs = runs;
    this.maintainEvery = maintainEvery;
    this.oneProcess = oneProcess;
  }

  /**
   * The variants {@code variants} names ({@link #VARIANTS}), in that order, in {@code dir}; every
   * nightly goes to {@code sink} as group {@code schedule}.
   */
  List<ScheduleSummary> run(
      int run, Path dir, Path ledger, List<String> variants, Consumer<Measurement> sink)
      throws IOException, InterruptedException {
    List<ScheduleSummary> summaries = new ArrayList<>();
    for (String variant : VARIANTS) {
      if (variants.contains(variant)) {
        int every = variant.equals("plain") ? 0 : maintainEvery;
        summaries.add(variant(run, dir.resolve("schedule-" + variant), ledger, every, sink));
      }
    }
    return summaries;
  }

  private ScheduleSummary variant(
      int run, Path dir, Path ledger, int every, Consumer<Measurement> sink)
      throws IOException, InterruptedException {
    String name = every == 0 ? "schedule-plain" : "schedule-maintain";
    Path source = Files.createDirectories(dir.resolve("source"));
    Path lake = dir.resolve("lake");
    List<String> settings =
        List.of(
            "lake.path=" + lake,
            "source.kind=csv",
            "source.path=" + source,
            "report.out=" + dir.resolve("reports"));
    if (runs.resumes()) {
      Path last = source.resolve(lateFile(runs.from() - 1));
      if (!Files.isDirectory(lake) || !Files.isRegularFile(last)) {
        throw new IOException(
            "no earlier sitting to resume at run %d: %s or %s is missing"
                .formatted(runs.from(), lake, last));
      }
    } else {
      Files.deleteIfExists(source.resolve("ledger.csv"));
      Files.createLink(source.resolve("ledger.csv"), ledger);
      launcher.setUp("r" + run + "-" + name + "-first", settings, "nightly");
    }
    List<Double> seconds = new ArrayList<>();
    List<Integer> maintained = new ArrayList<>();
    if (oneProcess) {
      oneProcess(run, name, dir, source, ledger, settings, every, sink, seconds);
    } else {
      processes(run, name, source, ledger, settings, every, sink, seconds, maintained);
    }
    String doctor = "r" + run + "-" + name + "-doctor" + runs.suffix();
    launcher.setUp(doctor, settings, "doctor");
    List<ScheduleSummary.TableFigures> tables = new ArrayList<>();
    for (String line : Files.readAllLines(launcher.output(doctor))) {
      Matcher h = HEALTHY.matcher(line);
      if (h.find()) {
        Path table = lake.resolve(h.group(1));
        tables.add(
            new ScheduleSummary.TableFigures(
                h.group(1),
                Long.parseLong(h.group(3).replace(",", "")),
                Long.parseLong(h.group(2)) + 1,
                count(table, false),
                count(table.resolve("_delta_log"), true)));
      }
    }
    return new ScheduleSummary(variantName(every), runs, every, seconds, maintained, tables);
  }

  /** Each nightly a launcher process of its own, every {@code every}-th with --maintain. */
  private void processes(
      int run,
      String name,
      Path source,
      Path ledger,
      List<String> settings,
      int every,
      Consumer<Measurement> sink,
      List<Double> seconds,
      List<Integer> maintained)
      throws IOException, InterruptedException {
    for (int i = runs.from(); i <= runs.until(); i++) {
      LateBatch.write(ledger, source.resolve(lateFile(i)), SYMBOLS, ROWS, i);
      boolean maintain = every > 0 && i % every == 0;
      Measurement m =
          maintain
              ? launcher.stage(
                  name + "-" + i, run, SYMBOLS * ROWS, settings, "nightly", "--maintain")
              : launcher.stage(name + "-" + i, run, SYMBOLS * ROWS, settings, "nightly");
      Measurement scheduled =
          new Measurement(
              "schedule",
              m.name(),
              m.run(),
              m.wallMillis(),
              m.rows(),
              m.exitCode(),
              m.gc(),
              m.rssPeakMb(),
              m.innerMillis(),
              m.output());
      sink.accept(scheduled);
      if (!m.ok()) {
        throw new IOException(name + " run " + i + " failed: " + m.output());
      }
      if (maintain) {
        maintained.add(i - runs.from());
      }
      seconds.add(m.wallSeconds());
    }
  }

  /**
   * The nightlies of one {@code nightly --every 1s} process: each late batch lands in the source
   * folder when the run before has printed its last line (a tick that finds nothing new in between
   * costs milliseconds and is not counted); a run's seconds are those its last line gives; after
   * every {@code every}-th run a {@code maintain} process takes the lake between two runs.
   */
  private void oneProcess(
      int run,
      String name,
      Path dir,
      Path source,
      Path ledger,
      List<String> settings,
      int every,
      Consumer<Measurement> sink,
      List<Double> seconds)
      throws IOException, InterruptedException {
    Path staging = Files.createDirectories(dir.resolve("staging"));
    land(ledger, staging, source, runs.from());
    try (EveryProcess nightly =
        EveryProcess.start(launcher, "r" + run + "-" + name + "-every" + runs.suffix(), settings)) {
      for (int i = runs.from(); i <= runs.until(); i++) {
        Matcher done = nightly.awaitRun(i - runs.from() + 1);
        seconds.add(Double.parseDouble(done.group(1)));
        sink.accept(nightly.measurement("schedule", name + "-" + i, run, SYMBOLS * ROWS, done));
        if (every > 0 && i % every == 0) {
          List<String> waiting = new ArrayList<>(settings);
          waiting.add("pipeline.lock-wait=10m");
          Measurement upkeep = launcher.stage(name + "-maintain-" + i, run, 0, waiting, "maintain");
          sink.accept(upkeep);
          if (!upkeep.ok()) {
            throw new IOException(
                name + " maintain after run " + i + " failed: " + upkeep.output());
          }
        }
        if (i < runs.until()) {
          land(ledger, staging, source, i + 1);
        }
      }
    }
  }

  /** Lands round {@code round}'s late batch in the source ({@link LateBatch#land}). */
  private static void land(Path ledger, Path staging, Path source, int round) throws IOException {
    LateBatch.land(ledger, staging, source.resolve(lateFile(round)), SYMBOLS, ROWS, round);
  }

  /** The source file of run {@code round}'s late batch. */
  private static String lateFile(int round) {
    return "late-%04d.csv".formatted(round);
  }

  private String variantName(int every) {
    String mode = oneProcess ? ", one `nightly --every` process" : ", a process per run";
    if (every == 0) {
      return "without maintain" + mode;
    }
    return (oneProcess
            ? "with a `maintain` process after every " + every + "th run"
            : "with `nightly --maintain` every " + every + " runs")
        + mode;
  }

  /** Files under {@code folder}: all of them in the log, else data and deletion-vector files. */
  private static long count(Path folder, boolean log) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  log
                      || (!p.toString().contains("/_delta_log/")
                          && !p.getFileName().toString().startsWith(".")
                          && (p.toString().endsWith(".parquet") || p.toString().endsWith(".bin"))))
          .count();
    }
  }
}
