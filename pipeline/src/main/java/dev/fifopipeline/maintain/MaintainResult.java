package dev.fifopipeline.maintain;

import java.time.Duration;
import java.util.List;

/**
 * What maintain did to the lake.
 *
 * @param dryRun nothing was changed: the tables say what would be done
 * @param retention VACUUM's retention
 * @param tables one per existing table, in the lake's order
 * @param durationMs wall time
 */
public record MaintainResult(
    boolean dryRun, Duration retention, List<TableUpkeep> tables, long durationMs) {
  public MaintainResult {
    tables = List.copyOf(tables);
  }

  /** Data files before, over every table. */
  public long filesBefore() {
    return tables.stream().mapToLong(TableUpkeep::filesBefore).sum();
  }

  /** Data files after, over every table. */
  public long filesAfter() {
    return tables.stream().mapToLong(TableUpkeep::filesAfter).sum();
  }

  /** Files VACUUM deleted (or would), over every table. */
  public long vacuumed() {
    return tables.stream().mapToLong(TableUpkeep::vacuumed).sum();
  }

  /** The output: a line per table, then the totals. */
  public List<String> lines() {
    List<String> lines = new java.util.ArrayList<>();
    if (tables.isEmpty()) {
      lines.add("maintain: no lake tables yet, nothing to maintain");
      return lines;
    }
    lines.add(
        String.format(
            "maintain%s: %d tables, vacuum retention %dh",
            dryRun ? " --dry-run" : "", tables.size(), retention.toHours()));
    tables.forEach(t -> lines.add(t.line(dryRun)));
    lines.add(
        dryRun
            ? String.format("maintain --dry-run: nothing changed (%.1f s)", durationMs / 1000.0)
            : String.format(
                "maintain: done in %.1f s: %,d -> %,d data files, %,d old files deleted",
                durationMs / 1000.0, filesBefore(), filesAfter(), vacuumed()));
    return lines;
  }
}
