package dev.fifopipeline.bench.harness;

/**
 * One timed process: a product stage run through the launcher, a peer, or a PostgreSQL COPY.
 *
 * @param group {@code product}, {@code peer} or {@code postgresql}
 * @param name the stage, peer or baseline, e.g. {@code allocate-full}, {@code duckdb}
 * @param run 1-based run number
 * @param wallMillis wall clock from starting the process to its exit (JVM and Spark start-up
 *     included); for a COPY, of the statement
 * @param rows the rows the figure is per (see the results file's notes), for rows per second
 * @param exitCode the process's exit code, 0 for a COPY that worked
 * @param gc heap figures from the process's GC log; -1 figures for a COPY
 * @param rssPeakMb the process's peak resident set (VmHWM, polled every 100 ms), -1 when unknown
 * @param innerMillis the time the process itself reports (a peer's own clock), -1 when none
 * @param output the first line of the process's standard output, or its error
 */
public record Measurement(
    String group,
    String name,
    int run,
    long wallMillis,
    long rows,
    int exitCode,
    GcLog gc,
    long rssPeakMb,
    long innerMillis,
    String output) {

  /** This measurement with another {@code output}. */
  public Measurement withOutput(String text) {
    return new Measurement(
        group, name, run, wallMillis, rows, exitCode, gc, rssPeakMb, innerMillis, text);
  }

  /** Seconds, for tables. */
  public double wallSeconds() {
    return wallMillis / 1000.0;
  }

  /** Rows per second of wall clock, 0 when not meaningful. */
  public long rowsPerSecond() {
    return wallMillis <= 0 || rows <= 0 ? 0 : Math.round(rows * 1000.0 / wallMillis);
  }

  /** Whether the process finished normally. */
  public boolean ok() {
    return exitCode == 0;
  }
}
