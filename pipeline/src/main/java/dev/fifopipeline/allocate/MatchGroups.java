package dev.fifopipeline.allocate;

import dev.fifopipeline.engine.Allocation;
import dev.fifopipeline.engine.InventoryLot;
import dev.fifopipeline.engine.LotMatcher;
import dev.fifopipeline.engine.MatchEvent;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.Trade;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import scala.Tuple2;

/**
 * The Spark side of matching: one sorted group of trade rows in, its allocation rows and inventory
 * lots out (each output pair holds one of the two), and a run summary to the {@link MatchRuns}. An
 * error inside the group ends it with a failed summary instead of failing the Spark job, so one bad
 * symbol cannot stop the others; the caller removes that group's rows.
 */
final class MatchGroups
    implements FlatMapGroupsFunction<String, TradeRow, Tuple2<AllocationRow, LotRow>> {
  private static final long serialVersionUID = 1L;

  private final MatchingRules rules;
  private final MatchRuns side;

  MatchGroups(MatchingRules rules, MatchRuns side) {
    this.rules = rules;
    this.side = side;
  }

  @Override
  public Iterator<Tuple2<AllocationRow, LotRow>> call(String key, Iterator<TradeRow> rows) {
    return new GroupIterator(rows, rules, side);
  }

  private static final class GroupIterator implements Iterator<Tuple2<AllocationRow, LotRow>> {
    private final Instant startedAt = Instant.now();
    private final long started = System.nanoTime();
    private final LotMatcher matcher;
    private final MatchRuns side;
    private String account;
    private String symbol;
    private Tuple2<AllocationRow, LotRow> next;
    private boolean done;

    GroupIterator(Iterator<TradeRow> rows, MatchingRules rules, MatchRuns side) {
      this.side = side;
      Iterator<Trade> trades =
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public Trade next() {
              TradeRow row = rows.next();
              if (symbol == null) { // taken before conversion, so a bad first row is named too
                account = row.getAccount();
                symbol = row.getSymbol();
              }
              return row.toTrade();
            }
          };
      this.matcher = LotMatcher.over(trades, rules);
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Tuple2<AllocationRow, LotRow> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Tuple2<AllocationRow, LotRow> row = next;
      next = null;
      return row;
    }

    /** The next allocation or lot, sending the summary aside at the end; null when done. */
    private Tuple2<AllocationRow, LotRow> advance() {
      try {
        if (matcher.hasNext()) {
          MatchEvent event = matcher.next();
          return event instanceof Allocation a
              ? new Tuple2<>(AllocationRow.from(a), null)
              : new Tuple2<>(null, LotRow.from((InventoryLot) event));
        }
        done = true;
        side.add(RunRow.succeeded(account, symbol, startedAt, elapsedMs(), matcher.summary()));
      } catch (RuntimeException e) {
        done = true;
        side.add(RunRow.failed(account, symbol, startedAt, elapsedMs(), e));
      }
      return null;
    }

    private long elapsedMs() {
      return (System.nanoTime() - started) / 1_000_000;
    }
  }
}
