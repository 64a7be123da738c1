package dev.fifopipeline.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.LakeSchemas;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An exchange fills export, read into {@code fill_id, order_id, symbol, side, time, price, size,
 * fee} (order_id null when the export has none) plus {@code bad}, true for a row that does not
 * parse or breaks the ledger's rules (price and size &gt; 0, fee &gt;= 0, buy or sell, BASE-QUOTE).
 * Two layouts: Coinbase's fills export, and the ledger's own canonical header.
 */
final class FillsFile {
  /** The layout of the file: whether fills carry the order id they belong to. */
  record Fills(Dataset<Row> rows, boolean hasOrderIds, String layout) {}

  private FillsFile() {}

  static Fills read(SparkSession spark, String path) {
    Dataset<Row> raw;
    try {
      raw = spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(path);
    } catch (Exception e) { // AnalysisException is checked in Java's eyes
      throw Errors.sourceUnreadable("fills", path, e);
    }
    List<String> header = List.of(raw.columns());
    List<String> lower = header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    if (lower.containsAll(
        List.of("trade id", "product", "side", "created at", "size", "price", "fee"))) {
      boolean orderIds = lower.contains("order id");
      return new Fills(
          normalize(
              raw,
              col(name(header, "trade id")),
              orderIds ? col(name(header, "order id")) : lit(null),
              col(name(header, "product")),
              col(name(header, "side")),
              col(name(header, "created at")),
              col(name(header, "price")),
              col(name(header, "size")),
              col(name(header, "fee"))),
          orderIds,
          "coinbase");
    }
    if (lower.containsAll(List.of("order_id", "symbol", "side", "order_time", "price", "size"))) {
      return new Fills(
          normalize(
              raw,
              col(name(header, "order_id")),
              col(name(header, "order_id")),
              col(name(header, "symbol")),
              col(name(header, "side")),
              col(name(header, "order_time")),
              col(name(header, "price")),
              col(name(header, "size")),
              lower.contains("fees") ? col(name(header, "fees")) : lit("0")),
          true,
          "ledger");
    }
    throw Errors.unknownFillsFormat(path, header);
  }

  private static Dataset<Row> normalize(
      Dataset<Row> raw,
      Column fillId,
      Column orderId,
      Column symbol,
      Column side,
      Column time,
      Column price,
      Column size,
      Column fee) {
    Column money = trim(price.cast("string")).cast(LakeSchemas.MONEY);
    Column quantity = trim(size.cast("string")).cast(LakeSchemas.MONEY);
    Column fees =
        org.apache.spark.sql.functions.coalesce(
            trim(fee.cast("string")).cast(LakeSchemas.MONEY), lit(0).cast(LakeSchemas.MONEY));
    Column when = trim(time.cast("string")).cast("timestamp");
    Column normalizedSide = lower(trim(side.cast("string")));
    Column normalizedSymbol = regexp_replace(upper(trim(symbol.cast("string"))), "[/_]", "-");
    Column bad =
        money
            .isNull()
            .or(quantity.isNull())
            .or(money.leq(0))
            .or(quantity.leq(0))
            .or(fees.lt(0))
            .or(when.isNull())
            .or(normalizedSide.isin("buy", "sell").equalTo(false))
            .or(normalizedSymbol.rlike("^[A-Z0-9]+-[A-Z0-9]+$").equalTo(false));
    return raw.select(
        trim(fillId.cast("string")).as("fill_id"),
        trim(orderId.cast("string")).as("order_id"),
        normalizedSymbol.as("symbol"),
        normalizedSide.as("side"),
        when.as("time"),
        money.as("price"),
        quantity.as("size"),
        fees.as("fee"),
        org.apache.spark.sql.functions.coalesce(bad, lit(true)).as("bad"));
  }

  private static String name(List<String> header, String wanted) {
    return "`"
        + header.stream().filter(h -> h.strip().equalsIgnoreCase(wanted)).findFirst().orElseThrow()
        + "`";
  }
}
