package dev.fifopipeline.allocate;

import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.Errors;
import java.time.Instant;
import java.util.Set;

/**
 * What to allocate.
 *
 * @param version allocation version, &gt;= 1
 * @param schedule the method or method schedule, or null for the version's own (fifo for a new
 *     version)
 * @param symbols symbols to recompute; empty for all
 * @param since recompute the symbols with trades landed in the lake at or after this instant; null
 *     for no incremental run
 * @param force recompute a version that exists
 */
public record AllocateRequest(
    int version, MethodSchedule schedule, Set<String> symbols, Instant since, boolean force) {
  /** Copies the symbol set. */
  public AllocateRequest {
    symbols = Set.copyOf(symbols);
  }

  /**
   * The schedule this request computes with, after refusing what the lake's state forbids: an
   * existing version without --force or --since, or part of a version with another method or
   * schedule than it has.
   *
   * @param existing the version's method or schedule label in the lake, or null when it does not
   *     exist
   * @throws dev.fifopipeline.error.PipelineException (usage) for a request to refuse
   */
  public MethodSchedule checkAgainst(String existing) {
    boolean incremental = existing != null && since != null;
    if (existing != null && !force && !incremental) {
      throw Errors.versionExists(version);
    }
    MethodSchedule chosen =
        schedule != null
            ? schedule
            : existing != null
                ? MethodSchedule.parse(existing)
                : MethodSchedule.of(MatchingMethod.FIFO);
    boolean partial = incremental || !symbols.isEmpty();
    if (existing != null && partial && !chosen.label().equals(existing)) {
      throw Errors.methodMismatch(version, existing, chosen.label());
    }
    return chosen;
  }
}
