package dev.fifopipeline.report;

import dev.fifopipeline.engine.Money;
import dev.fifopipeline.report.html.Headline;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The headline numbers of a report, per quote currency, added up on the driver from the collected
 * rows per symbol of {@code pnl_by_symbol} and {@code win_rate}: no query over the sells.
 */
final class Headlines {
  private Headlines() {}

  /**
   * The headline numbers of every quote currency with sells, largest volume first.
   *
   * @param bySymbol collected rows of pnl_by_symbol
   * @param winRate collected rows of win_rate of the same scope (the rows per account are skipped)
   */
  static List<Headline> of(List<Row> bySymbol, List<Row> winRate) {
    Map<String, Sum> sums = new TreeMap<>();
    for (Row row : bySymbol) {
      sums.computeIfAbsent(row.getAs("quote"), q -> new Sum()).addPnl(row);
    }
    for (Row row : winRate) {
      if (!WinRates.ALL.equals(row.getAs("symbol"))) {
        sums.computeIfAbsent(row.getAs("quote"), q -> new Sum()).addOutcomes(row);
      }
    }
    List<Headline> headlines = new ArrayList<>();
    sums.forEach(
        (quote, sum) -> {
          if (sum.sells > 0) {
            headlines.add(sum.headline(quote));
          }
        });
    headlines.sort(
        Comparator.comparing(Headline::volume).reversed().thenComparing(Headline::quote));
    return headlines;
  }

  /** The running totals of one quote currency. */
  private static final class Sum {
    long sells;
    long matchedSells;
    long wins;
    long losses;
    long breakeven;
    long unmatchedSells;
    BigDecimal realizedPnl = Money.ZERO;
    BigDecimal grossProfit = Money.ZERO;
    BigDecimal grossLoss = Money.ZERO;
    BigDecimal volume = Money.ZERO;
    BigDecimal proceeds = Money.ZERO;
    BigDecimal fees = Money.ZERO;
    long openLots;
    BigDecimal openCostBasis = Money.ZERO;
    BigDecimal unrealizedPnl;
    long unpricedSymbols;

    void addPnl(Row row) {
      sells += row.<Long>getAs("sells");
      realizedPnl = realizedPnl.add(row.getAs("realized_pnl"));
      volume = volume.add(row.getAs("volume"));
      proceeds = proceeds.add(row.getAs("proceeds"));
      fees = fees.add(row.getAs("fees"));
      long lots = row.<Long>getAs("open_lots");
      openLots += lots;
      openCostBasis = openCostBasis.add(row.getAs("open_cost_basis"));
      BigDecimal unrealized = row.getAs("unrealized_pnl");
      if (lots > 0 && unrealized == null) {
        unpricedSymbols++;
      } else if (unrealized != null) {
        unrealizedPnl = unrealizedPnl == null ? unrealized : unrealizedPnl.add(unrealized);
      }
    }

    void addOutcomes(Row row) {
      matchedSells += row.<Long>getAs("matched_sells");
      wins += row.<Long>getAs("wins");
      losses += row.<Long>getAs("losses");
      breakeven += row.<Long>getAs("breakeven");
      unmatchedSells += row.<Long>getAs("unmatched_sells");
      grossProfit = grossProfit.add(row.getAs("gross_profit"));
      grossLoss = grossLoss.add(row.getAs("gross_loss"));
    }

    Headline headline(String quote) {
      return new Headline(
          quote,
          sells,
          matchedSells,
          wins,
          losses,
          breakeven,
          unmatchedSells,
          realizedPnl,
          grossProfit,
          grossLoss,
          volume,
          proceeds,
          fees,
          openLots,
          openCostBasis,
          unpricedSymbols == 0 ? unrealizedPnl : null,
          unpricedSymbols);
    }
  }
}
