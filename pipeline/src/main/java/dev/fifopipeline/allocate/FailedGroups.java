package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.fifopipeline.spark.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;

/**
 * The (account, symbol) groups whose matching failed in a run: none of their rows may be written,
 * each gets a review row, and the run's totals leave them out.
 */
final class FailedGroups {
  private final List<RunRow> runs;
  private final Set<String> keys = new TreeSet<>();

  private FailedGroups(List<RunRow> runs) {
    this.runs = runs;
    for (RunRow run : runs) {
      keys.add(key(run.getAccount(), run.getSymbol()));
    }
  }

  /** The failed groups among {@code runs}, in their order. */
  static FailedGroups of(List<RunRow> runs) {
    List<RunRow> failed = new ArrayList<>();
    for (RunRow run : runs) {
      if (RunRow.FAILED.equals(run.getStatus())) {
        failed.add(run);
      }
    }
    return new FailedGroups(failed);
  }

  boolean isEmpty() {
    return runs.isEmpty();
  }

  /** The failed groups' runs, with their errors. */
  List<RunRow> runs() {
    return runs;
  }

  /** The failed groups as {@code account/symbol} (or {@code symbol} without an account), sorted. */
  List<String> keys() {
    return List.copyOf(keys);
  }

  /** Whether {@code run}'s group failed. */
  boolean contains(RunRow run) {
    return keys.contains(key(run.getAccount(), run.getSymbol()));
  }

  /** A SQL condition true for the rows of the failed groups; only when not {@link #isEmpty}. */
  String predicate() {
    List<String> conditions = new ArrayList<>();
    for (RunRow run : runs) {
      conditions.add(
          "("
              + (run.getAccount() == null
                  ? "account IS NULL"
                  : "account = " + Names.literal(run.getAccount()))
              + " AND symbol = "
              + Names.literal(run.getSymbol())
              + ")");
    }
    return "(" + String.join(" OR ", conditions) + ")";
  }

  /** A column true for the rows of every group that did not fail. */
  Column succeeded() {
    return isEmpty() ? lit(true) : not(expr(predicate()));
  }

  static String key(String account, String symbol) {
    return account == null ? symbol : account + "/" + symbol;
  }
}
