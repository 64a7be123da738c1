package dev.fifopipeline.reconcile;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.spark.MoneyColumns;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The comparison of an exchange fills export with the lake's ledger, shared by {@code reconcile}
 * and {@code report unmatched}. Fills of one order are summed (size, fee) and volume-weighted
 * (price); an export without order ids is matched on symbol, side and the second the fills happened
 * in. Ledger trades are compared within the export's time window (one second either side) and
 * symbols.
 */
public final class FillsComparison {
  private static final BigDecimal PRICE_TOLERANCE = new BigDecimal("1E-12");

  private FillsComparison() {}

  /**
   * The fills of the export at {@code fillsPath} that the ledger lacks (kind {@code missing}), in
   * the columns of {@link #compare}: {@code symbol, fill_side, fill_time, fill_size, fill_price,
   * key, fill_ids, ...}.
   *
   * @throws dev.fifopipeline.error.PipelineException when the file cannot be read or its layout is
   *     not known
   */
  public static Dataset<Row> missingInLedger(Lake lake, String fillsPath) {
    MoneyColumns.register(lake.spark());
    FillsFile.Fills file = FillsFile.read(lake.spark(), fillsPath);
    return compare(lake, file.rows(), file.hasOrderIds()).filter(col("kind").equalTo("missing"));
  }

  /**
   * One row per order (fill group or ledger trade) with its {@code kind}: {@code missing} (in the
   * export only), {@code extra} (in the ledger only), {@code mismatched} or {@code ok}; plus key,
   * order_id, symbol, fill_side, ledger_side, fill_time, ledger_time, fill_size, ledger_size,
   * fill_price, ledger_price, details, first_fill_time, fill_fee and fill_ids. {@code fills} are
   * {@link FillsFile}'s rows; unreadable ones ({@code bad}) are left out.
   */
  static Dataset<Row> compare(Lake lake, Dataset<Row> fills, boolean hasOrderIds) {
    Dataset<Row> good = fills.filter(col("bad").equalTo(false));
    Column key = matchKey(hasOrderIds);
    Dataset<Row> orders = aggregate(good.withColumn("key", key), "f_");

    Row window = good.agg(min("time"), max("time")).first();
    Dataset<Row> ledger = lake.read(LakeTable.TRADE_RECORDS);
    if (!window.isNullAt(0)) {
      ledger =
          ledger.filter(
              col("order_time")
                  .between(
                      lit(((Instant) window.getAs(0)).minusSeconds(1)),
                      lit(((Instant) window.getAs(1)).plusSeconds(1))));
    }
    Dataset<Row> inScope =
        ledger.join(
            good.select(col("symbol").as("s")).distinct(),
            ledger.col("symbol").equalTo(col("s")),
            "left_semi");
    Dataset<Row> trades =
        aggregate(
            inScope
                .select(
                    col("order_id").as("fill_id"),
                    col("order_id"),
                    col("symbol"),
                    col("side"),
                    col("order_time").as("time"),
                    col("price"),
                    col("size"),
                    col("fees").as("fee"))
                .withColumn("key", key),
            "l_");
    return classify(
        orders.join(trades, orders.col("f_key").equalTo(trades.col("l_key")), "full_outer"));
  }

  /**
   * What a fill (group) and a ledger trade are matched on, over columns order_id, symbol, side and
   * time: the order id, or without order ids the symbol, side and second.
   */
  private static Column matchKey(boolean orderIds) {
    return orderIds
        ? col("order_id")
        : concat_ws(
            "|", col("symbol"), col("side"), date_format(col("time"), "yyyy-MM-dd'T'HH:mm:ss"));
  }

  /** One row per key: summed size and fee, volume-weighted price, latest time. */
  private static Dataset<Row> aggregate(Dataset<Row> rows, String prefix) {
    Dataset<Row> grouped =
        rows.groupBy(col("key"))
            .agg(
                first("order_id", true).as("order_id"),
                first("symbol").as("symbol"),
                functions.array_join(sort_array(functions.collect_set("side")), "/").as("side"),
                min("time").as("first_time"),
                max("time").as("time"),
                sum("size").as("size"),
                sum(MoneyColumns.multiply(col("price"), col("size"))).as("notional"),
                first("price").as("only_price"),
                count("*").as("n"),
                sum("fee").as("fee"),
                functions
                    .array_join(sort_array(functions.collect_list("fill_id")), "+")
                    .as("fill_ids"));
    Column price =
        when(col("n").equalTo(1), col("only_price"))
            .otherwise(MoneyColumns.divide(col("notional"), col("size")));
    Dataset<Row> out =
        grouped.select(
            col("key"),
            col("order_id"),
            col("symbol"),
            col("side"),
            col("first_time"),
            col("time"),
            col("size"),
            price.as("price"),
            col("fee"),
            col("fill_ids"));
    for (String c : out.columns()) {
      out = out.withColumnRenamed(c, prefix + c);
    }
    return out;
  }

  private static Dataset<Row> classify(Dataset<Row> joined) {
    Column missing = col("l_key").isNull();
    Column extra = col("f_key").isNull();
    Column sideDiffers = col("f_side").notEqual(col("l_side"));
    Column sizeDiffers = col("f_size").notEqual(col("l_size"));
    Column priceDiffers =
        abs(MoneyColumns.subtract(col("f_price"), col("l_price")))
            .gt(MoneyColumns.multiply(col("l_price"), lit(PRICE_TOLERANCE)));
    Column timeDiffers =
        abs(col("f_time").cast("double").minus(col("l_time").cast("double"))).gt(1.0);
    Column kind =
        when(missing, lit("missing"))
            .when(extra, lit("extra"))
            .when(sideDiffers.or(sizeDiffers).or(priceDiffers).or(timeDiffers), lit("mismatched"))
            .otherwise(lit("ok"));
    Column details =
        concat_ws(
            "; ",
            when(missing, lit("the exchange filled it; the ledger does not have it")),
            when(extra, lit("in the ledger; the exchange export does not have it")),
            when(
                missing.or(extra).equalTo(false).and(sideDiffers),
                functions.format_string(
                    "side %s vs %s in the ledger", col("f_side"), col("l_side"))),
            when(
                missing.or(extra).equalTo(false).and(sizeDiffers),
                functions.format_string(
                    "size %s vs %s in the ledger",
                    Columns.plain(col("f_size")), Columns.plain(col("l_size")))),
            when(
                missing.or(extra).equalTo(false).and(priceDiffers),
                functions.format_string(
                    "price %s vs %s in the ledger",
                    Columns.plain(col("f_price")), Columns.plain(col("l_price")))),
            when(
                missing.or(extra).equalTo(false).and(timeDiffers),
                functions.format_string(
                    "time %s vs %s in the ledger",
                    col("f_time").cast("string"), col("l_time").cast("string"))));
    return joined.select(
        kind.as("kind"),
        coalesce(col("f_key"), col("l_key")).as("key"),
        coalesce(col("f_order_id"), col("l_order_id")).as("order_id"),
        coalesce(col("f_symbol"), col("l_symbol")).as("symbol"),
        col("f_side").as("fill_side"),
        col("l_side").as("ledger_side"),
        col("f_time").as("fill_time"),
        col("l_time").as("ledger_time"),
        col("f_size").as("fill_size"),
        col("l_size").as("ledger_size"),
        col("f_price").as("fill_price"),
        col("l_price").as("ledger_price"),
        details.as("details"),
        col("f_first_time").as("first_fill_time"),
        col("f_fee").as("fill_fee"),
        col("f_fill_ids").as("fill_ids"));
  }
}
