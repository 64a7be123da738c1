package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.report.UnmatchedCauses.AliasBuys;
import dev.fifopipeline.report.UnmatchedCauses.DustLot;
import dev.fifopipeline.report.UnmatchedCauses.MissingFill;
import dev.fifopipeline.report.UnmatchedCauses.OtherAccountBuy;
import dev.fifopipeline.report.UnmatchedCauses.Sell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The evidence {@link UnmatchedHunt} looks for, one query each over the version's unmatched rests
 * ({@code u_account, u_symbol, u_sell, u_time, u_size}) and the lake. Each answers a map keyed by
 * the sell's order id; a sell with nothing found is absent. "Before the sell" means at or before
 * its time, as buys come before sells at the same instant.
 */
final class UnmatchedEvidence {
  private final Lake lake;
  private final int version;
  private final Dataset<Row> unmatched;
  private final List<Sell> sells;

  UnmatchedEvidence(Lake lake, int version, Dataset<Row> unmatched, List<Sell> sells) {
    this.lake = lake;
    this.version = version;
    this.unmatched = unmatched;
    this.sells = sells;
  }

  private Dataset<Row> buys() {
    return lake.read(LakeTable.TRADE_RECORDS).filter(col("side").equalTo("buy"));
  }

  /** Per sell, the latest buy of its symbol before it in another account, of at least its size. */
  Map<String, OtherAccountBuy> otherAccountBuys() {
    Dataset<Row> buys = buys();
    Dataset<Row> found =
        unmatched.join(
            buys,
            buys.col("symbol")
                .equalTo(col("u_symbol"))
                .and(buys.col("account").eqNullSafe(col("u_account")).equalTo(false))
                .and(buys.col("order_time").leq(col("u_time")))
                .and(buys.col("size").geq(col("u_size"))));
    return latestPerSell(
        found,
        col("order_time"),
        col("order_id"),
        r ->
            new OtherAccountBuy(
                r.getAs("account"), r.getAs("order_id"), r.getAs("order_time"), r.getAs("size")));
  }

  /** Per sell, the latest buy fill of its symbol before it among {@code missing} fills. */
  Map<String, MissingFill> missingFills(Dataset<Row> missing) {
    Dataset<Row> found =
        unmatched.join(
            missing,
            missing
                .col("symbol")
                .equalTo(col("u_symbol"))
                .and(missing.col("fill_side").equalTo("buy"))
                .and(missing.col("fill_time").leq(col("u_time"))));
    return latestPerSell(
        found,
        col("fill_time"),
        col("key"),
        r ->
            new MissingFill(
                r.getAs("key"), r.getAs("fill_time"), r.getAs("fill_size"), r.<Long>getAs("n")));
  }

  /** Per sell, the latest lot of its account and symbol bought before it and closed as dust. */
  Map<String, DustLot> dustLots() {
    Dataset<Row> lots =
        lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT)
            .filter(col("allocation_version").equalTo(version).and(col("dust")));
    Dataset<Row> found =
        unmatched.join(
            lots,
            lots.col("symbol")
                .equalTo(col("u_symbol"))
                .and(lots.col("account").eqNullSafe(col("u_account")))
                .and(lots.col("buy_time").leq(col("u_time"))));
    return latestPerSell(
        found,
        col("buy_time"),
        col("buy_order_id"),
        r -> new DustLot(r.getAs("buy_order_id"), r.getAs("buy_time"), r.getAs("remaining_size")));
  }

  /** Per sell, the buys before it under each symbol that names the same assets (any account). */
  Map<String, List<AliasBuys>> aliasBuys() {
    List<String> symbols =
        lake.read(LakeTable.TRADE_RECORDS).select("symbol").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    List<Row> pairs = new ArrayList<>();
    for (Sell sell : sells) {
      for (String alias : SymbolAliases.of(sell.symbol(), symbols)) {
        pairs.add(RowFactory.create(sell.orderId(), sell.time(), alias));
      }
    }
    Map<String, List<AliasBuys>> map = new HashMap<>();
    if (pairs.isEmpty()) {
      return map;
    }
    StructType schema =
        new StructType()
            .add("u_sell", DataTypes.StringType)
            .add("u_time", DataTypes.TimestampType)
            .add("alias", DataTypes.StringType);
    Dataset<Row> buys = buys();
    Dataset<Row> found =
        lake.spark()
            .createDataFrame(pairs, schema)
            .join(
                buys,
                buys.col("symbol")
                    .equalTo(col("alias"))
                    .and(buys.col("order_time").leq(col("u_time"))))
            .groupBy("u_sell", "alias")
            .agg(count("*").as("buys"), sum("size").as("size"))
            .orderBy("u_sell", "alias");
    for (Row r : found.collectAsList()) {
      map.computeIfAbsent(r.getAs("u_sell"), k -> new ArrayList<>())
          .add(new AliasBuys(r.getAs("alias"), r.<Long>getAs("buys"), r.getAs("size")));
    }
    return map;
  }

  /**
   * Per sell, the latest of {@code found} by {@code time} (ties broken by {@code tieBreak}, the
   * highest first), as {@code make} turns its row into evidence.
   */
  private static <T> Map<String, T> latestPerSell(
      Dataset<Row> found, Column time, Column tieBreak, Function<Row, T> make) {
    Map<String, T> map = new HashMap<>();
    for (Row r : UnmatchedHunt.latestPerSell(found, time, tieBreak).collectAsList()) {
      map.put(r.getAs("u_sell"), make.apply(r));
    }
    return map;
  }
}
