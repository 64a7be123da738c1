package dev.fifopipeline.validate;

import java.util.List;
import java.util.Map;

/**
 * What validate found.
 *
 * @param version the version checked
 * @param symbols (account, symbol) groups in the version
 * @param allocations allocation rows checked
 * @param breaches breaches per invariant (only invariants with breaches)
 * @param examples up to {@link ValidateJob#EXAMPLES} breaches per invariant
 * @param proved symbols proved again, because their rows changed since the last proof; -1 when
 *     every symbol was (a deep validate, or the first)
 * @param durationMs wall time
 */
public record ValidationResult(
    int version,
    long symbols,
    long allocations,
    Map<Integer, Long> breaches,
    List<Breach> examples,
    long proved,
    long durationMs) {

  /** Descriptions of the invariants, as the contract states them. */
  public static final Map<Integer, String> INVARIANTS =
      Map.of(
          1, "each sell's matched + unmatched + dust sizes add up to its size",
          2, "each buy's allocated + open + dust sizes add up to its size",
          3, "no sell is paired with a buy that comes after it",
          4, "every allocation's sell and buy exist in the ledger; none is duplicated",
          5, "cost basis, proceeds, pnl and fee shares follow the rules to the last decimal",
          6, "the stored rows equal a full recompute from the ledger");

  /** Whether every invariant holds. */
  public boolean ok() {
    return breaches.isEmpty();
  }

  /** Total breaches. */
  public long total() {
    return breaches.values().stream().mapToLong(Long::longValue).sum();
  }
}
