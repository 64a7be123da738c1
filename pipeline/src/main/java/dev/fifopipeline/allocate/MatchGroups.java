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
 * The Spark side of matching: one sorted group of trade rows in, the engine's events out as rows,
 * then one run row. An error inside the group ends it with a failed run row instead of failing the
 * Spark job, so one bad symbol cannot stop the others; the caller drops that group's rows.
 */
final class MatchGroups implements FlatMapGroupsFunction<String, TradeRow, MatchRow> {
  private static final long serialVersionUID = 1L;

  private final MatchingRules rules;

  MatchGroups(MatchingRules rules) {
    this.rules = rules;
  }

  @Override
  public Iterator<MatchRow> call(String key, Iterator<TradeRow> rows) {
    return new GroupIterator(rows, rules);
  }

  private static final class GroupIterator implements Iterator<MatchRow> {
    private final Instant startedAt = Instant.now();
    private final long started = System.nanoTime();
    private final LotMatcher matcher;
    private String account;
    private String symbol;
    private MatchRow next;
    private boolean done;

    GroupIterator(Iterator<TradeRow> rows, MatchingRules rules) {
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
    public MatchRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      MatchRow row = next;
      next = null;
      return row;
    }

    private MatchRow advance() {
      try {
        if (matcher.hasNext()) {
          MatchEvent event = matcher.next();
          return event instanceof Allocation a
              ? MatchRow.of(AllocationRow.from(a))
              : MatchRow.of(LotRow.from((InventoryLot) event));
        }
        done = true;
        return MatchRow.of(
            RunRow.succeeded(account, symbol, startedAt, elapsedMs(), matcher.summary()));
      } catch (RuntimeException e) {
        done = true;
        return MatchRow.of(RunRow.failed(account, symbol, startedAt, elapsedMs(), e));
      }
    }

    private long elapsedMs() {
      return (System.nanoTime() - started) / 1_000_000;
    }
  }
}
