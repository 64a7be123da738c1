package dev.fifopipeline.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a process of its own, output to files, and measures it: wall clock from start
 * to exit, peak resident set polled from {@code /proc/PID/status} (Linux; the launcher {@code
 * exec}s Java, so the PID is the JVM's), and the heap figures of the GC log the command was told to
 * write.
 */
final class TimedProcess {
  private static final long POLL_MILLIS = 100;

  private final Path logDir;

  /**
   * @param logDir where each process's {@code NAME.out}, {@code NAME.err} and {@code NAME.gc.log}
   *     go
   */
  TimedProcess(Path logDir) {
    this.logDir = logDir;
  }

  /** Where the process called {@code id} writes its GC log. */
  Path gcLog(String id) {
    return logDir.resolve(id + ".gc.log");
  }

  /**
   * Runs {@code command} with {@code env} added to this process's environment and waits for it.
   *
   * @param id unique name of this process's files, e.g. {@code r1-allocate-full}
   */
  Measurement run(
      String group,
      String name,
      int run,
      String id,
      long rows,
      List<String> command,
      Map<String, String> env)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = start(id, command, env);
    long rss = -1;
    while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      rss = Math.max(rss, peakRssMb(process.pid()));
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    int exit = process.exitValue();
    String line = exit == 0 ? firstLine(output(id)) : lastLine(errors(id));
    return new Measurement(
        group, name, run, wall, rows, exit, GcLog.read(gcLog(id)), rss, -1, line);
  }

  /**
   * Starts {@code command} with {@code env} added to this process's environment, standard output
   * and error to {@code id}'s files, and returns it running.
   */
  Process start(String id, List<String> command, Map<String, String> env) throws IOException {
    Files.createDirectories(logDir);
    Files.deleteIfExists(gcLog(id));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectOutput(output(id).toFile()).redirectError(errors(id).toFile());
    return builder.start();
  }

  /** The standard output file of process {@code id}. */
  Path output(String id) {
    return logDir.resolve(id + ".out");
  }

  /** The standard error file of process {@code id}. */
  Path errors(String id) {
    return logDir.resolve(id + ".err");
  }

  /** VmHWM of a running process in MiB, -1 when it is gone or not on Linux. */
  static long peakRssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // exited between the wait and the read, or no /proc
    }
    return -1;
  }

  /** The last non-blank line of a file (a failed command's one-line error), "" when none. */
  static String lastLine(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "";
  }

  /** The first non-blank line of a file, "" when none. */
  static String firstLine(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
  }
}
