package dev.fifopipeline.allocate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * What a matching pass produces besides allocation rows, gathered on the driver: inventory lots,
 * one run summary per group, and the unmatched rests of sells (also among the allocation rows).
 * These are small next to the allocations (thousands of lots against a million allocations), so
 * they travel in an accumulator instead of a second pass or a cache of the whole output. A task
 * that Spark runs twice adds its items twice; they are de-duplicated by key here.
 */
public final class MatchSideOutput implements Serializable {
  private static final long serialVersionUID = 1L;

  private final CollectionAccumulator<Serializable> items;

  private MatchSideOutput(CollectionAccumulator<Serializable> items) {
    this.items = items;
  }

  /** A new, empty side output registered with the session. */
  static MatchSideOutput register(SparkSession spark) {
    return new MatchSideOutput(
        spark.sparkContext().collectionAccumulator("fifo match side output"));
  }

  /** Adds a lot, run or unmatched allocation; called on executors. */
  void add(Serializable item) {
    items.add(item);
  }

  /** The inventory lots, one per buy, once the pass has run. */
  public List<LotRow> lots() {
    return distinct(
        LotRow.class, lot -> true, lot -> lot.getAccount() + "\u0000" + lot.getBuyOrderId());
  }

  /** One summary per (account, symbol) group, once the pass has run. */
  public List<RunRow> runs() {
    return distinct(
        RunRow.class, run -> true, run -> run.getAccount() + "\u0000" + run.getSymbol());
  }

  /** The unmatched rests of sells, once the pass has run. */
  public List<AllocationRow> unmatched() {
    return distinct(
        AllocationRow.class,
        row -> row.getBuyOrderId() == null,
        row -> row.getAccount() + "\u0000" + row.getSellOrderId());
  }

  /** The items of {@code type} that {@code keep} accepts, the first of each key, in order. */
  private <T> List<T> distinct(Class<T> type, Predicate<T> keep, Function<T, String> key) {
    Map<String, T> found = new LinkedHashMap<>();
    for (Serializable item : items.value()) {
      if (type.isInstance(item)) {
        T candidate = type.cast(item);
        if (keep.test(candidate)) {
          found.putIfAbsent(key.apply(candidate), candidate);
        }
      }
    }
    return new ArrayList<>(found.values());
  }
}
