package dev.fifopipeline.report;

import static dev.fifopipeline.report.Sells.one;
import static dev.fifopipeline.report.Sells.orZero;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.report.html.Headline;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The headline numbers of a report, per quote currency. */
final class Headlines {
  private Headlines() {}

  /**
   * The headline numbers per quote currency, largest volume first: one query over the sells, and
   * the open inventory from the collected pnl_by_symbol rows.
   *
   * @param sells rows of {@link Sells#of}
   * @param bySymbol collected rows of pnl_by_symbol of the same scope
   */
  static List<Headline> of(Dataset<Row> sells, List<Row> bySymbol) {
    Column outcome = col("outcome");
    Column decided = outcome.notEqual(Sells.UNMATCHED);
    // per quote: open lots, open symbols without a price; open cost basis, unrealized pnl
    Map<String, long[]> open = new HashMap<>();
    Map<String, BigDecimal[]> openMoney = new HashMap<>();
    for (Row row : bySymbol) {
      String quote = row.getAs("quote");
      long lots = row.<Long>getAs("open_lots");
      long[] counts = open.computeIfAbsent(quote, q -> new long[2]);
      counts[0] += lots;
      BigDecimal[] money =
          openMoney.computeIfAbsent(quote, q -> new BigDecimal[] {BigDecimal.ZERO, null});
      money[0] = money[0].add(row.getAs("open_cost_basis"));
      BigDecimal unrealized = row.getAs("unrealized_pnl");
      if (lots > 0 && unrealized == null) {
        counts[1]++;
      } else if (unrealized != null) {
        money[1] = money[1] == null ? unrealized : money[1].add(unrealized);
      }
    }
    List<Headline> headlines = new ArrayList<>();
    for (Row s :
        sells
            .groupBy(col("quote"))
            .agg(
                count(lit(1)),
                sum(one(decided)),
                sum(one(outcome.equalTo(Sells.WIN))),
                sum(one(outcome.equalTo(Sells.LOSS))),
                sum(one(outcome.equalTo(Sells.BREAKEVEN))),
                sum(one(outcome.equalTo(Sells.UNMATCHED))),
                orZero(sum(col("pnl"))),
                orZero(sum(when(outcome.equalTo(Sells.WIN), col("pnl")))),
                orZero(negate(sum(when(outcome.equalTo(Sells.LOSS), col("pnl"))))),
                orZero(sum(col("volume"))),
                orZero(sum(col("proceeds"))),
                orZero(sum(col("fees"))))
            .collectAsList()) {
      String quote = s.getString(0);
      BigDecimal[] money = openMoney.getOrDefault(quote, new BigDecimal[] {BigDecimal.ZERO, null});
      headlines.add(
          new Headline(
              quote,
              s.getLong(1),
              s.getLong(2),
              s.getLong(3),
              s.getLong(4),
              s.getLong(5),
              s.getLong(6),
              s.getDecimal(7),
              s.getDecimal(8),
              s.getDecimal(9),
              s.getDecimal(10),
              s.getDecimal(11),
              s.getDecimal(12),
              open.getOrDefault(quote, new long[2])[0],
              money[0],
              open.getOrDefault(quote, new long[2])[1] == 0 ? money[1] : null,
              open.getOrDefault(quote, new long[2])[1]));
    }
    headlines.sort(
        Comparator.comparing(Headline::volume).reversed().thenComparing(Headline::quote));
    return headlines;
  }
}
