package dev.fifopipeline.bench.peers;

import java.nio.file.Path;

/**
 * A way to compute FIFO allocations from a ledger CSV that a user might pick instead of the
 * pipeline: the benchmark's point of comparison.
 *
 * <p>Every peer reads a CSV with the canonical header (columns found by name; {@code order_id,
 * symbol, side, order_time, price, size} required, {@code fees} optional) and writes one line per
 * allocation, {@code sell_order_id,buy_order_id,allocated_size,pnl}, under that header: {@code
 * buy_order_id} and {@code pnl} are empty for the unmatched rest of an oversold sell. Rows appear
 * in no particular order.
 *
 * <p>The rules, the same in every peer: a row with a blank order_id or symbol, a side other than
 * buy or sell (any case), an unparsable order_time, price, size or fees, a price or size &lt;= 0,
 * or fees &lt; 0 is skipped; of several valid rows with one order_id the first in the file is kept;
 * blank fees are 0. Per symbol (as written, trimmed; no account column), trades are processed by
 * order_time, then buys before sells at the same instant, then order_id (string order), and sells
 * consume buy lots first in, first out with no dust threshold.
 */
public interface Peer {
  /** A short name for tables of results, e.g. {@code duckdb}. */
  String name();

  /**
   * Computes the allocations of {@code ledgerCsv} into {@code allocationsCsvOut} (replaced if it
   * exists), timing itself by the wall clock from opening the ledger to closing the output.
   */
  PeerResult run(Path ledgerCsv, Path allocationsCsvOut) throws Exception;
}
