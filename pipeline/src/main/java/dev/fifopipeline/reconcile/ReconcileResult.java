package dev.fifopipeline.reconcile;

/**
 * What reconcile found.
 *
 * @param fills fill rows read
 * @param unreadable fill rows that do not parse (listed, not compared)
 * @param orders orders (or fill groups) compared
 * @param missing in the fills, not in the ledger
 * @param extra in the ledger (within the export's window and symbols), not in the fills
 * @param mismatched in both, with a different side, size, price or time
 * @param backfilled missing trades appended to the ledger
 * @param listing the CSV file listing every difference
 * @param matchedOn order_id, or symbol+side+second when the export has no order ids
 */
public record ReconcileResult(
    long fills,
    long unreadable,
    long orders,
    long missing,
    long extra,
    long mismatched,
    long backfilled,
    String listing,
    String matchedOn) {

  /** The one-line summary the command prints. */
  public String summary() {
    return String.format(
        "reconcile: %,d fills (%,d unreadable), %,d orders compared on %s: %,d missing in the"
            + " ledger, %,d extra in the ledger, %,d mismatched%s; listing in %s",
        fills,
        unreadable,
        orders,
        matchedOn,
        missing,
        extra,
        mismatched,
        backfilled > 0 ? ", " + backfilled + " backfilled" : "",
        listing);
  }

  /** Whether the ledger and the export agree. */
  public boolean clean() {
    return missing == 0 && extra == 0 && mismatched == 0 && unreadable == 0;
  }
}
