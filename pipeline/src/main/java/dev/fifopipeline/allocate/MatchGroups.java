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

/**
 * The Spark side of matching: one sorted group of trade rows in, its allocation rows out; its
 * inventory lots, its unmatched rests and a run summary go to the {@link MatchSideOutput}. An error
 * inside the group ends it with a failed summary instead of failing the Spark job, so one bad
 * symbol cannot stop the others; the caller removes that group's rows.
 */
final class MatchGroups implements FlatMapGroupsFunction<String, TradeRow, AllocationRow> {
  private static final long serialVersionUID = 1L;

  private final MatchingRules rules;
  private final MatchSideOutput side;

  MatchGroups(MatchingRules rules, MatchSideOutput side) {
    this.rules = rules;
    this.side = side;
  }

  @Override
  public Iterator<AllocationRow> call(String key, Iterator<TradeRow> rows) {
    return new GroupIterator(rows, rules, side);
  }

  private static final class GroupIterator implements Iterator<AllocationRow> {
    private final Instant startedAt = Instant.now();
    private final long started = System.nanoTime();
    private final LotMatcher matcher;
    private final MatchSideOutput side;
    private String account;
    private String symbol;
    private AllocationRow next;
    private boolean done;

    GroupIterator(Iterator<TradeRow> rows, MatchingRules rules, MatchSideOutput side) {
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
    public AllocationRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      AllocationRow row = next;
      next = null;
      return row;
    }

    /** The next allocation row, sending lots and the summary aside; null when done. */
    private AllocationRow advance() {
      try {
        while (matcher.hasNext()) {
          MatchEvent event = matcher.next();
          if (event instanceof Allocation a) {
            AllocationRow row = AllocationRow.from(a);
            if (!a.matched()) {
              side.add(row);
            }
            return row;
          }
          side.add(LotRow.from((InventoryLot) event));
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
