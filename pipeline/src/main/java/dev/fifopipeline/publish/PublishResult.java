package dev.fifopipeline.publish;

/**
 * What one publish wrote, in one transaction.
 *
 * @param version the version published
 * @param target the database, without secrets
 * @param mode {@code full} (the whole version) or {@code symbols} (only changed symbols)
 * @param symbols symbols whose rows were replaced
 * @param allocations allocation rows written
 * @param inventoryLots inventory rows written
 * @param reviewRows review rows written
 * @param logRows computation-log rows added
 * @param durationMs wall time
 */
public record PublishResult(
    int version,
    String target,
    String mode,
    long symbols,
    long allocations,
    long inventoryLots,
    long reviewRows,
    long logRows,
    long durationMs) {

  /** The one-line summary the command prints. */
  public String summary() {
    if (symbols == 0 && logRows == 0) {
      return String.format("publish v%d: %s is up to date", version, target);
    }
    return String.format(
        "publish v%d: %,d allocations, %,d inventory lots, %,d review rows, %,d log rows (%s, %,d"
            + " symbols) to %s",
        version, allocations, inventoryLots, reviewRows, logRows, mode, symbols, target);
  }
}
