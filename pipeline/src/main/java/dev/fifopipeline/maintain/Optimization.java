package dev.fifopipeline.maintain;

import dev.fifopipeline.config.MaintainSettings;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import java.util.Arrays;

/** What OPTIMIZE does to one table, chosen from its file count and size. */
public enum Optimization {
  /** Fewer files than {@code maintain.min-files}: not worth a rewrite and a commit. */
  NONE("not optimized"),
  /** Small files bin-packed into files of up to {@code maintain.target-file-size}. */
  COMPACT("compacted"),
  /**
   * Every file rewritten in files of about {@code maintain.target-file-size}, ordered by symbol, so
   * each holds a narrow range of symbols.
   */
  ZORDER("z-ordered by symbol");

  private final String done;

  Optimization(String done) {
    this.done = done;
  }

  /** What was done, as the output says it. */
  public String done() {
    return done;
  }

  /**
   * The optimization of {@code table} with {@code files} data files of {@code bytes} in all.
   * Z-ordering pays only where incremental runs read or replace rows by symbol (the table has a
   * {@code symbol} column) and the table is larger than one target file: a smaller one ends as one
   * file either way, and Z-order rewrites every file each time while compaction leaves big files.
   */
  static Optimization choose(LakeTable table, long files, long bytes, MaintainSettings settings) {
    if (files < settings.minFiles()) {
      return NONE;
    }
    boolean bySymbol =
        Arrays.asList(LakeSchemas.of(table).fieldNames()).contains("symbol")
            && !LakeSchemas.partitionColumns(table).contains("symbol");
    return bySymbol && bytes > settings.targetFileBytes() ? ZORDER : COMPACT;
  }
}
