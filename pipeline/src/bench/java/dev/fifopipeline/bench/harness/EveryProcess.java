package dev.fifopipeline.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running {@code nightly --every 1s} process, followed through its standard output: each run's
 * last line is {@code nightly: done in <s> s}, with {@code (nothing new)} after it when the run
 * found nothing new. Closing it stops the process between two runs (SIGTERM).
 */
final class EveryProcess implements AutoCloseable {
  /** A run's last line, with its seconds and what follows them. */
  private static final Pattern DONE = Pattern.compile("^nightly: done in ([\\d.]+) s(.*)$");

  private final Process process;
  private final String id;
  private final Path out;
  private final Path err;

  private EveryProcess(Process process, String id, Path out, Path err) {
    this.process = process;
    this.id = id;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code nightly --every 1s} with {@code settings} as launcher process {@code id}. */
  static EveryProcess start(Launcher launcher, String id, List<String> settings)
      throws IOException {
    return new EveryProcess(
        launcher.start(id, settings, "nightly", "--every", "1s"),
        id,
        launcher.output(id),
        launcher.errors(id));
  }

  /**
   * Waits for the {@code n}-th run that found something new to print its last line; fails when the
   * process ends first.
   *
   * @return the line, group 1 its seconds
   */
  Matcher awaitRun(int n) throws IOException, InterruptedException {
    return await(n, false);
  }

  /**
   * Waits for the first run that found nothing new after the {@code n}-th that found something.
   *
   * @return the line, group 1 its seconds
   */
  Matcher awaitNothingNewAfter(int n) throws IOException, InterruptedException {
    return await(n, true);
  }

  /**
   * A run of this process as figure {@code name} of group {@code group}: the seconds its last line
   * {@code done} gives, and the process's peak resident set so far.
   */
  Measurement measurement(String group, String name, int run, long rows, Matcher done) {
    return new Measurement(
        group,
        name,
        run,
        Math.round(Double.parseDouble(done.group(1)) * 1000),
        rows,
        0,
        new GcLog(-1, -1, 0, 0),
        TimedProcess.peakRssMb(process.pid()),
        -1,
        done.group());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(2, TimeUnit.MINUTES);
  }

  private Matcher await(int n, boolean nothingNewAfter) throws IOException, InterruptedException {
    while (true) {
      int seen = 0;
      if (Files.exists(out)) {
        for (String line : Files.readAllLines(out)) {
          Matcher done = DONE.matcher(line);
          if (!done.matches()) {
            continue;
          }
          boolean nothingNew = done.group(2).contains("nothing new");
          if (!nothingNew && ++seen == n && !nothingNewAfter) {
            return done;
          }
          if (nothingNew && seen >= n && nothingNewAfter) {
            return done;
          }
        }
      }
      if (!process.isAlive()) {
        throw new IOException(
            id
                + " ended (exit "
                + process.exitValue()
                + ") before run "
                + n
                + (nothingNewAfter ? " and a run with nothing new" : "")
                + ": "
                + TimedProcess.lastLine(err));
      }
      Thread.sleep(100);
    }
  }
}
