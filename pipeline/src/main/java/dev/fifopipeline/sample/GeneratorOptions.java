package dev.fifopipeline.sample;

import java.time.Instant;

/**
 * What {@link LedgerGenerator} makes.
 *
 * @param trades how many trades: exactly (up to rounding of the per-symbol share) for a ledger of a
 *     given size; the sample stops at its end date
 * @param symbols how many symbols
 * @param seed random seed: the same options give the same file
 * @param start first order time
 * @param end last order time (a sell held past a year may come later)
 * @param hotShare share of all trades on the first symbol, 0 for none
 * @param lateShare share of trades that land in the ledger days after they filled (backfills)
 * @param oversellShare share of sells that sell more than the open lots hold
 * @param sampleExtras add the seeds' SAPIEN-USD story, a missing buy, bad rows, a conflicting
 *     duplicate and the legacy inline values (pnl_usd, parent_id, ...) of the old bot
 */
public record GeneratorOptions(
    int trades,
    int symbols,
    long seed,
    Instant start,
    Instant end,
    double hotShare,
    double lateShare,
    double oversellShare,
    boolean sampleExtras) {

  /** The bundled sample: about 3,000 trades over 36 symbols, mid-2024 to end of 2025. */
  public static GeneratorOptions sample() {
    return new GeneratorOptions(
        3000,
        36,
        20251204L,
        Instant.parse("2024-06-01T00:00:00Z"),
        Instant.parse("2025-12-05T00:00:00Z"),
        0,
        0.02,
        0.01,
        true);
  }
}
