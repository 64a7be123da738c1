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

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.spark.Money;
import dev.fifopipeline.sql.ResultPrinter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares an exchange fills export with the lake's ledger: fills missing in the ledger, trades in
 * the ledger the export does not have (within the export's time window and symbols), and trades
 * whose side, size, price or time differ. Fills of one order are summed (size, fee) and
 * volume-weighted (price); an export without order ids is matched on symbol, side and the second
 * the fills happened in. With backfill, the missing trades are appended to the ledger with source
 * {@code backfill}: to the bot's PostgreSQL table for a jdbc source (the next ingest reads them),
 * else straight into the lake through ingest's rules.
 */
public final class ReconcileJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileJob.class);
  private static final java.math.BigDecimal PRICE_TOLERANCE = new java.math.BigDecimal("1E-12");

  private final Lake lake;
  private final Settings settings;
  private final String fillsPath;
  private final Path listing;
  private final boolean backfill;
  private final Clock clock;

  public ReconcileJob(
      Lake lake, Settings settings, String fillsPath, Path listing, boolean backfill, Clock clock) {
    this.lake = lake;
    this.settings = settings;
    this.fillsPath = fillsPath;
    this.listing = listing;
    this.backfill = backfill;
    this.clock = clock;
  }

  public ReconcileResult run() {
    var spark = lake.spark();
    spark.sparkContext().setJobGroup("reconcile", "reconcile " + fillsPath, false);
    Money.register(spark);
    FillsFile.Fills file = FillsFile.read(spark, fillsPath);
    Dataset<Row> fills = file.rows().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> good = fills.filter(col("bad").equalTo(false));
      Column key = matchKey(file.hasOrderIds());
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

      Dataset<Row> compared =
          classify(
                  orders.join(
                      trades, orders.col("f_key").equalTo(trades.col("l_key")), "full_outer"))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> differences =
            compared
                .filter(col("kind").notEqual("ok"))
                .drop("first_fill_time", "fill_fee", "fill_ids");
        Dataset<Row> unreadable =
            fills
                .filter(col("bad"))
                .select(
                    lit("unreadable").as("kind"),
                    col("fill_id").as("key"),
                    col("order_id"),
                    col("symbol"),
                    col("side").as("fill_side"),
                    lit(null).cast("string").as("ledger_side"),
                    col("time").as("fill_time"),
                    lit(null).cast("timestamp").as("ledger_time"),
                    col("size").as("fill_size"),
                    lit(null).cast(LakeSchemas.MONEY).as("ledger_size"),
                    col("price").as("fill_price"),
                    lit(null).cast(LakeSchemas.MONEY).as("ledger_price"),
                    lit("the fill row does not parse").as("details"));
        long[] counts = counts(compared);
        long bad = fills.filter(col("bad")).count();
        write(differences.unionByName(unreadable).orderBy("kind", "symbol", "key"));

        long backfilled = 0;
        if (backfill && counts[1] > 0) {
          backfilled =
              new Backfill(lake, settings, clock)
                  .append(compared.filter(col("kind").equalTo("missing")));
        }
        ReconcileResult result =
            new ReconcileResult(
                fills.count(),
                bad,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                backfilled,
                listing.toString(),
                file.hasOrderIds() ? "order_id" : "symbol, side and second");
        LOG.info(result.summary());
        return result;
      } finally {
        compared.unpersist();
      }
    } finally {
      fills.unpersist();
      spark.sparkContext().clearJobGroup();
    }
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
                sum(Money.multiply(col("price"), col("size"))).as("notional"),
                first("price").as("only_price"),
                count("*").as("n"),
                sum("fee").as("fee"),
                functions
                    .array_join(sort_array(functions.collect_list("fill_id")), "+")
                    .as("fill_ids"));
    Column price =
        when(col("n").equalTo(1), col("only_price"))
            .otherwise(Money.divide(col("notional"), col("size")));
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
        abs(Money.subtract(col("f_price"), col("l_price")))
            .gt(Money.multiply(col("l_price"), lit(PRICE_TOLERANCE)));
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

  /** [compared, missing, extra, mismatched]. */
  private static long[] counts(Dataset<Row> compared) {
    long[] counts = new long[4];
    for (Row row : compared.groupBy("kind").count().collectAsList()) {
      long n = row.getLong(1);
      counts[0] += n;
      switch (row.getString(0)) {
        case "missing" -> counts[1] = n;
        case "extra" -> counts[2] = n;
        case "mismatched" -> counts[3] = n;
        default -> {}
      }
    }
    return counts;
  }

  private void write(Dataset<Row> differences) {
    try {
      if (listing.getParent() != null) {
        Files.createDirectories(listing.getParent());
      }
      try (PrintStream out =
          new PrintStream(Files.newOutputStream(listing), true, StandardCharsets.UTF_8)) {
        ResultPrinter.csv(differences, out);
      }
    } catch (IOException e) {
      throw dev.fifopipeline.error.Errors.environment(
          e, "Cannot write the reconcile listing %s: %s (check --out)", listing, e.getMessage());
    }
  }
}
