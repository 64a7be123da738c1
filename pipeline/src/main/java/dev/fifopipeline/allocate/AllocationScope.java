package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.spark.Names;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The symbols an allocate run recomputes: every symbol; those named with {@code --symbols}, each of
 * which must be in the ledger; or, for an incremental run ({@code --since}), those with trades
 * landed since then and those named.
 */
final class AllocationScope {
  private final Set<String> symbols; // null: every symbol

  private AllocationScope(Set<String> symbols) {
    this.symbols = symbols;
  }

  /**
   * The scope of {@code request} over {@code ledger}.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) when a named symbol is not in the
   *     ledger of a run that is not incremental
   */
  static AllocationScope of(Dataset<Row> ledger, AllocateRequest request, boolean incremental) {
    if (incremental) {
      Set<String> changed =
          symbols(ledger.filter(col("lake_ingested_at").geq(lit(request.since()))));
      changed.addAll(request.symbols());
      return new AllocationScope(changed);
    }
    if (request.symbols().isEmpty()) {
      return new AllocationScope(null);
    }
    Set<String> known = symbols(ledger.filter(col("symbol").isin(request.symbols().toArray())));
    Set<String> unknown = new TreeSet<>(request.symbols());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw Errors.unknownSymbols(unknown);
    }
    return new AllocationScope(known);
  }

  /** Whether there is nothing to recompute: an incremental run with no trades landed. */
  boolean isEmpty() {
    return symbols != null && symbols.isEmpty();
  }

  /** The ledger rows to match. */
  Dataset<Row> ledger(Dataset<Row> ledger) {
    return symbols == null ? ledger : ledger.filter(col("symbol").isin(symbols.toArray()));
  }

  /** The SQL condition on the version's rows the run replaces. */
  String predicate(int version) {
    String rows = "allocation_version = " + version;
    return symbols == null ? rows : rows + " AND " + Names.inList("symbol", symbols);
  }

  /** "all symbols" or "N symbols", for the log. */
  String describe() {
    return symbols == null ? "all symbols" : symbols.size() + " symbols";
  }

  private static Set<String> symbols(Dataset<Row> ledger) {
    Set<String> symbols = new TreeSet<>();
    for (Row row : ledger.select("symbol").distinct().collectAsList()) {
      symbols.add(row.getString(0));
    }
    return symbols;
  }
}
