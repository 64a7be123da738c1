package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.CsvFiles;
import dev.fifopipeline.reconcile.FillsComparison;
import dev.fifopipeline.report.UnmatchedCauses.AliasBuys;
import dev.fifopipeline.report.UnmatchedCauses.DustLot;
import dev.fifopipeline.report.UnmatchedCauses.Evidence;
import dev.fifopipeline.report.UnmatchedCauses.MissingFill;
import dev.fifopipeline.report.UnmatchedCauses.OtherAccountBuy;
import dev.fifopipeline.report.UnmatchedCauses.Sell;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code report unmatched}: the missing-buy hunt. For every unmatched sell of a version (its
 * allocation with {@code buy_order_id} null) it gathers evidence from the lake, and from an
 * exchange fills export when one is given, and lists the likely causes ({@link UnmatchedCauses}): a
 * buy in another account, a fill the ledger lacks, rounding dust, a symbol alias. The listing is
 * written to {@code DIR/v<N>/unmatched_causes.csv}; the lake is only read.
 */
public final class UnmatchedHunt {
  private static final Logger LOG = LoggerFactory.getLogger(UnmatchedHunt.class);

  private final Lake lake;
  private final int version;
  private final BigDecimal defaultDust;
  private final String fillsPath;
  private final Path out;

  /**
   * @param defaultDust {@code matching.dust}, used when the version's log does not record its own
   * @param fillsPath an exchange fills export to compare with the ledger, or null
   * @param out the reports folder ({@code report.out}); the file goes to {@code out/v<N>/}
   */
  public UnmatchedHunt(Lake lake, int version, BigDecimal defaultDust, String fillsPath, Path out) {
    this.lake = lake;
    this.version = version;
    this.defaultDust = defaultDust;
    this.fillsPath = fillsPath;
    this.out = out;
  }

  /** The number of unmatched sells of {@code version} (sells with an unmatched rest). */
  public static long count(Lake lake, int version) {
    return unmatched(lake, version).select("u_sell").distinct().count();
  }

  /** Finds the causes, writes the listing and returns it. */
  public UnmatchedResult run() {
    lake.spark()
        .sparkContext()
        .setJobGroup("report-unmatched", "report unmatched v" + version, false);
    try {
      Dataset<Row> unmatched = unmatched(lake, version).cache();
      List<Sell> sells =
          unmatched.orderBy("u_time", "u_symbol", "u_sell").collectAsList().stream()
              .map(
                  r ->
                      new Sell(
                          r.getString(0), r.getString(1), r.getString(2), r.getAs(3), r.getAs(4)))
              .toList();
      UnmatchedEvidence evidence = new UnmatchedEvidence(lake, version, unmatched, sells);
      Map<String, OtherAccountBuy> others = evidence.otherAccountBuys();
      Map<String, MissingFill> fills =
          fillsPath == null
              ? Map.of()
              : evidence.missingFills(FillsComparison.missingInLedger(lake, fillsPath));
      Map<String, DustLot> dust = evidence.dustLots();
      Map<String, List<AliasBuys>> aliases = evidence.aliasBuys();
      unmatched.unpersist();

      UnmatchedCauses causes = new UnmatchedCauses(version, dust());
      List<Row> rows = new ArrayList<>();
      for (Sell sell : sells) {
        Evidence found =
            new Evidence(
                others.get(sell.orderId()),
                fills.get(sell.orderId()),
                dust.get(sell.orderId()),
                aliases.getOrDefault(sell.orderId(), List.of()),
                fillsPath);
        for (UnmatchedCauses.Cause cause : causes.of(sell, found)) {
          rows.add(
              RowFactory.create(
                  version,
                  sell.account(),
                  sell.symbol(),
                  sell.orderId(),
                  sell.time(),
                  sell.size(),
                  cause.cause(),
                  cause.action()));
        }
      }
      Path file = out.resolve("v" + version).resolve("unmatched_causes.csv").toAbsolutePath();
      CsvFiles.write(UnmatchedResult.COLUMNS, rows, file);
      UnmatchedResult result = new UnmatchedResult(version, sells.size(), rows, file, fillsPath);
      LOG.info(result.summary());
      return result;
    } finally {
      lake.spark().sparkContext().clearJobGroup();
    }
  }

  /** The version's matching.dust as its computation log records it, else the setting. */
  private BigDecimal dust() {
    Row row =
        lake.read(LakeTable.FIFO_COMPUTATION_LOG)
            .filter(col("allocation_version").equalTo(version))
            .agg(org.apache.spark.sql.functions.max("dust_threshold"))
            .first();
    return row.isNullAt(0) ? defaultDust : row.getDecimal(0);
  }

  /** u_account, u_symbol, u_sell, u_time, u_size: one row per unmatched rest of the version. */
  static Dataset<Row> unmatched(Lake lake, int version) {
    return lake.read(LakeTable.FIFO_ALLOCATIONS)
        .filter(col("allocation_version").equalTo(version).and(col("buy_order_id").isNull()))
        .select(
            col("account").as("u_account"),
            col("symbol").as("u_symbol"),
            col("sell_order_id").as("u_sell"),
            col("sell_time").as("u_time"),
            col("allocated_size").cast(LakeSchemas.MONEY).as("u_size"));
  }

  /** Keeps, per unmatched sell, the row with the latest {@code time}, with their count. */
  static Dataset<Row> latestPerSell(Dataset<Row> rows, Column time, Column tieBreak) {
    var bySell = Window.partitionBy(col("u_sell"));
    return rows.withColumn("n", org.apache.spark.sql.functions.count("*").over(bySell))
        .withColumn("rank", row_number().over(bySell.orderBy(time.desc(), tieBreak.desc())))
        .filter(col("rank").equalTo(1));
  }
}
