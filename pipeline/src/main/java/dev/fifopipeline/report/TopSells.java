package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The sells the report page lists (the largest wins and losses, the latest unmatched sells), kept
 * per (account, symbol) in {@code top_sells}: the first rows of a list over all symbols are among
 * the first rows of each symbol's list, so a report after a few late trades ranks the changed
 * symbols' sells only.
 */
public final class TopSells {
  /** The largest wins, by pnl. */
  public static final String BEST = "best";

  /** The largest losses, by pnl. */
  public static final String WORST = "worst";

  /** The latest sells with an unmatched part. */
  public static final String UNMATCHED = "unmatched";

  static final int BEST_AND_WORST = 10;
  static final int UNMATCHED_ROWS = 100;

  private static final List<String> COLUMNS =
      List.of(
          "account",
          "symbol",
          "quote",
          "sell_order_id",
          "sell_time",
          "sell_date",
          "size",
          "proceeds",
          "cost_basis",
          "pnl",
          "buy_order_ids",
          "unmatched_size",
          "unmatched_proceeds");

  private TopSells() {}

  /**
   * Per (account, symbol), the first sells of each list, with columns {@code list} and {@code
   * rank}.
   *
   * @param sells rows of {@link Sells#of}
   */
  public static Dataset<Row> bySymbol(Dataset<Row> sells) {
    return list(sells, BEST, Sells.WIN, order(BEST), BEST_AND_WORST)
        .unionByName(list(sells, WORST, Sells.LOSS, order(WORST), BEST_AND_WORST))
        .unionByName(list(sells, UNMATCHED, Sells.UNMATCHED, order(UNMATCHED), UNMATCHED_ROWS));
  }

  /**
   * The first rows of {@code list} over all symbols, in order.
   *
   * @param topSells rows of {@link #bySymbol}, of any set of symbols
   */
  public static Dataset<Row> overall(Dataset<Row> topSells, String list) {
    int limit = list.equals(UNMATCHED) ? UNMATCHED_ROWS : BEST_AND_WORST;
    return topSells.filter(col("list").equalTo(list)).orderBy(order(list)).limit(limit);
  }

  /**
   * The order of a list: by pnl (or, for unmatched sells, the latest first), ties by sell, symbol
   * and account, so that one symbol's first rows are the first rows over all symbols.
   */
  private static Column[] order(String list) {
    Column first =
        switch (list) {
          case BEST -> col("pnl").desc();
          case WORST -> col("pnl").asc();
          case UNMATCHED -> col("sell_time").desc();
          default -> throw new IllegalArgumentException("no list " + list);
        };
    return new Column[] {
      first, col("sell_order_id"), col("symbol"), col("account").asc_nulls_first()
    };
  }

  private static Dataset<Row> list(
      Dataset<Row> sells, String list, String outcome, Column[] order, int limit) {
    Column rank =
        row_number().over(Window.partitionBy(col("account"), col("symbol")).orderBy(order));
    Column[] columns = new Column[COLUMNS.size() + 2];
    columns[0] = lit(list).as("list");
    columns[1] = col("rank");
    for (int i = 0; i < COLUMNS.size(); i++) {
      columns[i + 2] = col(COLUMNS.get(i));
    }
    return sells
        .filter(col("outcome").equalTo(outcome))
        .withColumn("rank", rank)
        .filter(col("rank").leq(limit))
        .select(columns);
  }
}
