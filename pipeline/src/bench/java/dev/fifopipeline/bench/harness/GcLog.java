package dev.fifopipeline.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of one JVM read from its unified GC log, written with {@link #jvmOption(Path)}.
 *
 * <p>Peak used is the largest heap occupancy the log shows: the "before" side of every pause
 * ({@code 571M->400M(1098M)}) and the occupancy at exit ({@code gc+heap+exit}). Occupancy between
 * two collections is not logged, so the true peak can be higher by at most what the young
 * generation took since the last pause; a JVM that never collects shows only its exit figure.
 *
 * @param peakUsedMb largest heap occupancy seen, MiB; -1 when the log has none
 * @param peakCommittedMb largest committed heap seen, MiB; -1 when the log has none
 * @param pauses how many stop-the-world pauses
 * @param pauseMillis their total duration, ms
 */
public record GcLog(long peakUsedMb, long peakCommittedMb, int pauses, double pauseMillis) {
  private static final Pattern PAUSE =
      Pattern.compile("Pause .*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms");
  private static final Pattern EXIT = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");

  /** The JVM option that writes the log {@link #read(Path)} understands to {@code file}. */
  public static String jvmOption(Path file) {
    return "-Xlog:gc,gc+heap+exit:file=" + file.toAbsolutePath() + ":uptime,tags";
  }

  /** Reads {@code file}; a missing file gives a record of -1 figures. */
  public static GcLog read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new GcLog(-1, -1, 0, 0);
    }
    long used = -1;
    long committed = -1;
    int pauses = 0;
    double millis = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher pause = PAUSE.matcher(line);
      if (pause.find()) {
        used = Math.max(used, mb(pause.group(1), pause.group(2)));
        committed = Math.max(committed, mb(pause.group(5), pause.group(6)));
        pauses++;
        millis += Double.parseDouble(pause.group(7));
        continue;
      }
      Matcher exit = EXIT.matcher(line);
      if (exit.find()) {
        committed = Math.max(committed, mb(exit.group(1), "K"));
        used = Math.max(used, mb(exit.group(2), "K"));
      }
    }
    return new GcLog(used, committed, pauses, millis);
  }

  private static long mb(String amount, String unit) {
    long value = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> value / 1024;
      case "G" -> value * 1024;
      default -> value;
    };
  }
}
