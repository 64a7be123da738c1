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
 * is a folder holding the bench's ledger, a first nightly (set-up, not timed), then {@code runs}
 * incremental nightlies (288 make a day), each after a late batch of {@link #SYMBOLS} symbols x
 * {@link #ROWS} old trades lands in the folder as a file of its own. Twice: without maintain, and
 * with every {@code maintainEvery}-th run a {@code nightly --maintain} (12: hourly). Each run is a
 * launcher process of its own; after the last, {@code doctor} gives each table's data files and
 * commits.
 */
final class ScheduleStage {
  static final String NAME = "schedule";
  static final int SYMBOLS = 3;
  static final int ROWS = 2;

  private static final Pattern HEALTHY =
      Pattern.compile("(\\w+): healthy \\(version (\\d+), ([\\d,]+) data files\\)");

  private final Launcher launcher;
  private final int runs;
  private final int maintainEvery;

  ScheduleStage(Launcher launcher, int runs, int maintainEvery) {
    this.launcher = launcher;
    this.runs = runs;
    this.maintainEvery = maintainEvery;
  }

  /** Both variants in {@code dir}; every nightly goes to {@code sink} as group {@code schedule}. */
  List<ScheduleSummary> run(int run, Path dir, Path ledger, Consumer<Measurement> sink)
      throws IOException, InterruptedException {
    return List.of(
        variant(run, dir.resolve("schedule-plain"), ledger, 0, sink),
        variant(run, dir.resolve("schedule-maintain"), ledger, maintainEvery, sink));
  }

  private ScheduleSummary variant(
      int run, Path dir, Path ledger, int every, Consumer<Measurement> sink)
      throws IOException, InterruptedException {
    String name = every == 0 ? "schedule-plain" : "schedule-maintain";
    Path source = Files.createDirectories(dir.resolve("source"));
    Path lake = dir.resolve("lake");
    Files.deleteIfExists(source.resolve("ledger.csv"));
    Files.createLink(source.resolve("ledger.csv"), ledger);
    List<String> settings =
        List.of(
            "lake.path=" + lake,
            "source.kind=csv",
            "source.path=" + source,
            "report.out=" + dir.resolve("reports"));
    launcher.setUp("r" + run + "-" + name + "-first", settings, "nightly");
    List<Double> seconds = new ArrayList<>();
    List<Integer> maintained = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      LateBatch.write(ledger, source.resolve("late-%04d.csv".formatted(i)), SYMBOLS, ROWS, i);
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
        maintained.add(i - 1);
      }
      seconds.add(m.wallSeconds());
    }
    String doctor = "r" + run + "-" + name + "-doctor";
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
    return new ScheduleSummary(
        every == 0 ? "without maintain" : "with `nightly --maintain` every " + every + " runs",
        runs,
        every,
        seconds,
        maintained,
        tables);
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
