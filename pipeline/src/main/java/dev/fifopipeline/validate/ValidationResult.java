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

  /**
   * What validate prints, one line per fact, each ending in a line break: a headline, then per
   * broken invariant its count and examples.
   */
  public String listing() {
    StringBuilder out = new StringBuilder();
    if (ok()) {
      out.append(
          String.format(
              "validate v%d: %,d symbols, %,d allocations: all 6 invariants hold%s%n",
              version, symbols, allocations, scope()));
      return out.toString();
    }
    out.append(
        String.format(
            "validate v%d: %,d symbols, %,d allocations: %,d breaches%s%n",
            version, symbols, allocations, total(), scope()));
    breaches.forEach(
        (invariant, count) -> {
          out.append(
              String.format(
                  "  invariant %d (%s): %,d%n", invariant, INVARIANTS.get(invariant), count));
          for (Breach breach : examples) {
            if (breach.invariant() == invariant) {
              out.append("    ").append(breach.line()).append(System.lineSeparator());
            }
          }
          if (count > ValidateJob.EXAMPLES) {
            out.append(String.format("    ... and %,d more%n", count - ValidateJob.EXAMPLES));
          }
        });
    return out.toString();
  }

  /** What a validate that did not prove every symbol proved. */
  private String scope() {
    if (proved < 0) {
      return "";
    }
    return proved == 0
        ? " (no symbol changed since the last proof; --deep proves all again)"
        : String.format(
            " (%,d symbol%s changed since the last proof, proved again; --deep proves all)",
            proved, proved == 1 ? "" : "s");
  }
}
