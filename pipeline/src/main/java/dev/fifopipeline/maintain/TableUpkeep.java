package dev.fifopipeline.maintain;

import dev.fifopipeline.lake.LakeTable;

/**
 * What maintain did (or, in a dry run, would do) to one table.
 *
 * @param table the table
 * @param filesBefore data files of its current version before
 * @param bytesBefore their size in bytes
 * @param optimization what OPTIMIZE did
 * @param filesAfter data files after OPTIMIZE (as before when it did nothing or in a dry run)
 * @param vacuumed files VACUUM deleted (or would delete): no version of the retention period reads
 *     them
 * @param checkpoint the version checkpointed, or -1 when the newest one already had a checkpoint
 * @param logRetention the log retention set on the table (a Delta interval), or null when it had it
 * @param durationMs time spent on the table
 */
public record TableUpkeep(
    LakeTable table,
    long filesBefore,
    long bytesBefore,
    Optimization optimization,
    long filesAfter,
    long vacuumed,
    long checkpoint,
    String logRetention,
    long durationMs) {

  /** One line of output. */
  public String line(boolean dryRun) {
    String optimize =
        switch (optimization) {
          case NONE -> String.format("%s (%s): not optimized", files(filesBefore), size());
          case COMPACT, ZORDER ->
              dryRun
                  ? String.format(
                      "%s (%s) would be %s", files(filesBefore), size(), optimization.done())
                  : String.format(
                      "%s (%s) -> %,d, %s",
                      files(filesBefore), size(), filesAfter, optimization.done());
        };
    String vacuum =
        String.format("vacuum %s %s", dryRun ? "would delete" : "deleted", files(vacuumed));
    String checkpointed =
        checkpoint < 0
            ? "checkpoint up to date"
            : String.format(
                "%s version %d", dryRun ? "would checkpoint" : "checkpoint at", checkpoint);
    String retention =
        logRetention == null
            ? ""
            : String.format("; %s log retention %s", dryRun ? "would set" : "set", logRetention);
    return String.format(
        "  %s: %s; %s; %s%s%s",
        table,
        optimize,
        vacuum,
        checkpointed,
        retention,
        dryRun ? "" : String.format(" (%.1f s)", durationMs / 1000.0));
  }

  private static String files(long count) {
    return String.format(count == 1 ? "%,d file" : "%,d files", count);
  }

  private String size() {
    return bytesBefore >= 1 << 20
        ? String.format("%.1f MB", bytesBefore / (double) (1 << 20))
        : String.format("%,d kB", (bytesBefore + 1023) / 1024);
  }
}
