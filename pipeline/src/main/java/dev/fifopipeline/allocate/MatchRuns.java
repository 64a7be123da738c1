package dev.fifopipeline.allocate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The run summaries of a matching pass, one per (account, symbol) group, gathered on the driver in
 * an accumulator: they are as many as the groups, whatever the ledger's size, so they need no pass
 * of their own. Allocations and lots, which grow with the ledger, stay in the pass's Dataset. A
 * task that Spark runs twice adds its summaries twice; they are de-duplicated by group here.
 */
public final class MatchRuns implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final CollectionAccumulator<RunRow> runs;

  private MatchRuns(CollectionAccumulator<RunRow> runs) {
    this.runs = runs;
  }

  /** A new, empty set of summaries registered with the session. */
  static MatchRuns register(SparkSession spark) {
    return new MatchRuns(spark.sparkContext().collectionAccumulator("fifo match runs"));
  }

  /** Adds a group's summary; called on executors. */
  void add(RunRow run) {
    runs.add(run);
  }

  /** One summary per (account, symbol) group, once the pass has run. */
  public List<RunRow> runs() {
    Map<String, RunRow> found = new LinkedHashMap<>();
    for (RunRow run : runs.value()) {
      found.putIfAbsent(run.getAccount() + "\u0000" + run.getSymbol(), run);
    }
    return new ArrayList<>(found.values());
  }
}
