package dev.fifopipeline.allocate;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one allocate run did.
 *
 * @param version allocation version
 * @param method method used
 * @param mode full or incremental
 * @param batchId id of this run in every table it wrote
 * @param symbols (account, symbol) groups computed
 * @param buys buys processed
 * @param sells sells processed
 * @param allocations allocation rows written
 * @param unmatchedSells sells with an unmatched rest (each also in manual_review_queue)
 * @param totalPnl realized pnl of the groups computed
 * @param failed symbols whose matching failed (their rows were not written)
 * @param durationMs wall time
 */
public record AllocateResult(
    int version,
    String method,
    String mode,
    String batchId,
    long symbols,
    long buys,
    long sells,
    long allocations,
    long unmatchedSells,
    BigDecimal totalPnl,
    List<String> failed,
    long durationMs) {

  /** The result of a run that matched {@code runs}: the totals of every group that did not fail. */
  static AllocateResult of(
      int version,
      String method,
      String mode,
      String batchId,
      List<RunRow> runs,
      FailedGroups failed,
      long durationMs) {
    long buys = 0;
    long sells = 0;
    long allocations = 0;
    long unmatched = 0;
    BigDecimal pnl = BigDecimal.ZERO;
    for (RunRow run : runs) {
      if (!failed.contains(run)) {
        buys += run.getBuys();
        sells += run.getSells();
        allocations += run.getAllocations();
        unmatched += run.getUnmatchedSells();
        pnl = pnl.add(run.getTotalPnl());
      }
    }
    return new AllocateResult(
        version,
        method,
        mode,
        batchId,
        runs.size(),
        buys,
        sells,
        allocations,
        unmatched,
        pnl,
        failed.keys(),
        durationMs);
  }

  /** The one-line summary the command prints. */
  public String summary() {
    if (symbols == 0) {
      return String.format("allocate v%d (%s, %s): nothing to compute", version, method, mode);
    }
    return String.format(
        "allocate v%d (%s, %s): %,d symbols, %,d buys, %,d sells -> %,d allocations, %,d unmatched"
            + " sells, total pnl %s%s",
        version,
        method,
        mode,
        symbols,
        buys,
        sells,
        allocations,
        unmatchedSells,
        totalPnl.stripTrailingZeros().toPlainString(),
        failed.isEmpty() ? "" : ", FAILED: " + String.join(", ", failed));
  }
}
