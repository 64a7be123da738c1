package dev.fifopipeline.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * One variant of the schedule stage: per-run wall times of its nightlies and, after the last, each
 * lake table's files and commits.
 *
 * @param variant e.g. {@code without maintain}
 * @param runs which runs of the day these are
 * @param maintainEvery every how many runs was {@code nightly --maintain}; 0 for never
 * @param seconds wall seconds of each run, in order
 * @param maintained which runs (0-based) maintained the lake
 * @param tables each table's figures after the last run
 */
record ScheduleSummary(
    String variant,
    ScheduleStage.Runs runs,
    int maintainEvery,
    List<Double> seconds,
    List<Integer> maintained,
    List<TableFigures> tables) {

  /** Runs per hour of the 5-minute schedule. */
  static final int HOUR = 12;

  /**
   * One table after the schedule.
   *
   * @param table its name
   * @param dataFiles data files of its current version (what a reader opens)
   * @param commits commits in its history (newest version + 1)
   * @param filesOnDisk data and deletion-vector files in its folder, read or not
   * @param logFiles files in its {@code _delta_log} (commits, checksums, checkpoints)
   */
  record TableFigures(
      String table, long dataFiles, long commits, long filesOnDisk, long logFiles) {}

  /** The plain runs' seconds (those that did not maintain), in order. */
  List<Double> plain() {
    List<Double> plain = new ArrayList<>();
    for (int i = 0; i < seconds.size(); i++) {
      if (!maintained.contains(i)) {
        plain.add(seconds.get(i));
      }
    }
    return plain;
  }

  /** The seconds of the runs that maintained, in order. */
  List<Double> maintainedSeconds() {
    return maintained.stream().map(seconds::get).toList();
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Median of the first hour's plain runs. */
  double firstHour() {
    List<Double> plain = plain();
    return median(plain.subList(0, Math.min(HOUR, plain.size())));
  }

  /** Median of the last hour's plain runs. */
  double lastHour() {
    List<Double> plain = plain();
    return median(plain.subList(Math.max(0, plain.size() - HOUR), plain.size()));
  }

  /** Markdown: one line of times, then a table of the tables. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(variant).append("\n\n");
    List<Double> plain = plain();
    md.append(
        ("- %s; nightlies that did not run maintain themselves: first hour median %.1f s,"
                + " median %.1f s, last hour median %.1f s, max %.1f s\n")
            .formatted(
                runs.whole()
                    ? runs.day() + " runs"
                    : runs.describe()
                        + (runs.resumes()
                            ? " (a sitting that resumed the lake of runs 1-%d; its first run a cold process)"
                                .formatted(runs.from() - 1)
                            : ""),
                firstHour(),
                median(plain),
                lastHour(),
                plain.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
    if (!maintained.isEmpty()) {
      md.append(
          "- %d runs with `nightly --maintain` (every %d): median %.1f s, max %.1f s\n"
              .formatted(
                  maintained.size(),
                  maintainEvery,
                  median(maintainedSeconds()),
                  maintainedSeconds().stream()
                      .mapToDouble(Double::doubleValue)
                      .max()
                      .orElse(Double.NaN)));
    }
    md.append(
            "- every run's seconds%s: "
                .formatted(runs.from() == 1 ? "" : " from run " + runs.from()))
        .append(String.join(" ", seconds.stream().map(s -> "%.1f".formatted(s)).toList()))
        .append("\n\n");
    md.append(
        "| table | data files | commits | files on disk | log files |\n|---|---|---|---|---|\n");
    long[] sums = new long[4];
    for (TableFigures t : tables) {
      md.append(
          "| %s | %,d | %,d | %,d | %,d |\n"
              .formatted(t.table(), t.dataFiles(), t.commits(), t.filesOnDisk(), t.logFiles()));
      sums[0] += t.dataFiles();
      sums[1] += t.commits();
      sums[2] += t.filesOnDisk();
      sums[3] += t.logFiles();
    }
    md.append("| all | %,d | %,d | %,d | %,d |\n".formatted(sums[0], sums[1], sums[2], sums[3]));
    return md.toString();
  }
}
