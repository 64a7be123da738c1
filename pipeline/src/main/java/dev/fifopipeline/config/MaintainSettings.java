package dev.fifopipeline.config;

import java.time.Duration;

/**
 * What {@code maintain} does to each lake table (reference.conf's {@code maintain} block).
 *
 * @param vacuumRetention VACUUM deletes only data files that no table version of this long ago or
 *     later reads; never null
 * @param allowShortRetention accept a retention below {@link #SAFE_RETENTION}
 * @param minFiles OPTIMIZE a table only when it has at least this many data files
 * @param targetFileBytes size of the files OPTIMIZE writes, in bytes; a table larger than this is
 *     Z-ordered by symbol (where incremental runs read it by symbol), a smaller one compacted
 * @param logRetention how long each table's Delta log keeps a commit ({@code lake.log-retention},
 *     at least {@link #SAFE_RETENTION}); never null
 */
public record MaintainSettings(
    Duration vacuumRetention,
    boolean allowShortRetention,
    int minFiles,
    long targetFileBytes,
    Duration logRetention) {
  /**
   * The shortest retention {@code maintain} accepts without {@code maintain.allow-short-retention}:
   * a day, longer than any run or reader query, and than the every-few-minutes schedule's
   * incremental state needs (README, maintain).
   */
  public static final Duration SAFE_RETENTION = Duration.ofHours(24);

  /** Whether the retention is shorter than {@link #SAFE_RETENTION}. */
  public boolean shortRetention() {
    return vacuumRetention.compareTo(SAFE_RETENTION) < 0;
  }

  /**
   * {@link #logRetention} as a Delta table property value, e.g. {@code interval 48 hours} (whole
   * hours) or {@code interval 90000 seconds}.
   */
  public String logRetentionProperty() {
    return logRetentionProperty(logRetention);
  }

  /** {@code retention} as a Delta interval, e.g. {@code interval 48 hours}. */
  public static String logRetentionProperty(Duration retention) {
    long seconds = retention.toSeconds();
    return seconds % 3600 == 0
        ? "interval " + seconds / 3600 + " hours"
        : "interval " + seconds + " seconds";
  }
}
