package dev.fifopipeline.report;

import static dev.fifopipeline.testing.DataFrames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.testing.Rows;
import dev.fifopipeline.testing.SharedSpark;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The report transformations on in-memory allocations, against hand-computed numbers. */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class ReportTablesTest {
  private static final String HEADER =
      "account | symbol | sell | buy | sell_time | buy_time | size | proceeds | cost | pnl | term";
  private static final ZoneId UTC = ZoneOffset.UTC;

  /**
   * BTC: S1 wins 30; S2 takes two lots, +15 and -5, a win of 10; S3 loses 20. ETH: E1 breaks even;
   * E2 makes 50 on its matched lot but 2 of it found no lot: counted apart, never a win.
   */
  private static Dataset<Row> allocations;

  @BeforeAll
  static void allocations() {
    allocations =
        Allocations.of(
            SharedSpark.session(),
            HEADER,
            "null | BTC-USD | S1 | B1 | 2025-01-02T10:00:00Z | 2025-01-01T00:00:00Z | 1 | 130 | 100 | 30 | short",
            "null | BTC-USD | S2 | B1 | 2025-01-03T10:00:00Z | 2025-01-01T00:00:00Z | 1 | 115 | 100 | 15 | short",
            "null | BTC-USD | S2 | B2 | 2025-01-03T10:00:00Z | 2025-01-02T00:00:00Z | 1 | 115 | 120 | -5 | short",
            "null | BTC-USD | S3 | B2 | 2025-01-04T10:00:00Z | 2025-01-02T00:00:00Z | 1 | 100 | 120 | -20 | short",
            "null | ETH-USD | E1 | C1 | 2025-01-02T10:00:00Z | 2025-01-01T00:00:00Z | 1 | 10 | 10 | 0 | short",
            "null | ETH-USD | E2 | C2 | 2025-01-03T10:00:00Z | 2025-01-01T00:00:00Z | 1 | 60 | 10 | 50 | short",
            "null | ETH-USD | E2 | null | 2025-01-03T10:00:00Z | null | 2 | 120 | null | null | null");
  }

  @Test
  void winRateCountsMatchedSellsAndProfitFactorIsGrossProfitOverGrossLoss(SparkSession spark) {
    Dataset<Row> winRate = WinRates.of(Sells.of(allocations, UTC));

    assertSameRows(
        Rows.table(
            spark,
            "symbol  | quote | sells | matched_sells | wins | losses | breakeven | unmatched_sells | win_rate             | gross_profit | gross_loss | profit_factor | average_win | average_loss | expectancy          | largest_win | largest_loss | realized_pnl",
            "BTC-USD | USD   | 3     | 3             | 2    | 1      | 0         | 0               | 0.666666666666666667 | 40           | 20         | 2             | 20          | 20           | 6.666666666666666667 | 30         | 20           | 20",
            "ETH-USD | USD   | 2     | 1             | 0    | 0      | 1         | 1               | 0                    | 0            | 0          | null          | null        | null         | 0                   | null        | null         | 0",
            "ALL     | USD   | 5     | 4             | 2    | 1      | 1         | 1               | 0.5                  | 40           | 20         | 2             | 20          | 20           | 5                   | 30          | 20           | 20"),
        text(winRate));
  }

  @Test
  void pnlBySymbolAddsUpRealizedPnlAndValuesOpenLotsAtTheGivenPrices(SparkSession spark) {
    Dataset<Row> inventory =
        spark.createDataFrame(
            List.of(
                lot("ETH-USD", "C3", "3", "33", false),
                lot("SOL-USD", "D1", "2", "20", false),
                lot("SOL-USD", "D0", "0.000000001", "0.01", true)),
            LakeSchemas.FIFO_INVENTORY_SNAPSHOT);
    Dataset<Row> prices =
        spark.createDataFrame(
            List.of(RowFactory.create("ETH-USD", new BigDecimal("15"))),
            new org.apache.spark.sql.types.StructType()
                .add("symbol", "string")
                .add("mark_price", LakeSchemas.MONEY));

    Dataset<Row> bySymbol = PnlReports.bySymbol(Sells.of(allocations, UTC), inventory, prices);

    assertSameRows(
        Rows.table(
            spark,
            "symbol  | quote | sells | unmatched_sells | matched_size | volume | proceeds | cost_basis | realized_pnl | unmatched_size | unmatched_proceeds | open_lots | open_size | open_cost_basis | mark_price | market_value | unrealized_pnl",
            "BTC-USD | USD   | 3     | 0               | 4            | 4      | 460      | 440        | 20           | 0              | 0                  | 0         | 0         | 0               | null       | null         | null",
            "ETH-USD | USD   | 2     | 1               | 2            | 4      | 70       | 20         | 50           | 2              | 120                | 1         | 3         | 33              | 15         | 45           | 12",
            "SOL-USD | USD   | 0     | 0               | 0            | 0      | 0        | 0          | 0            | 0              | 0                  | 1         | 2         | 20              | null       | null         | null"),
        text(bySymbol));
    assertSameRows(
        Rows.table(
            spark,
            "quote | symbols | sells | realized_pnl | open_lots | open_cost_basis | market_value | unrealized_pnl",
            "USD   | 3       | 5     | 70           | 2         | 53              | null         | null"),
        text(PnlReports.byQuote(bySymbol)));
  }

  @Test
  void pnlDailyAddsUpEachSellDateAndRunsTheTotal(SparkSession spark) {
    assertSameRows(
        Rows.table(
            spark,
            "date       | quote | sells | unmatched_sells | proceeds | cost_basis | realized_pnl | cumulative_pnl",
            "2025-01-02 | USD   | 2     | 0               | 140      | 110        | 30           | 30",
            "2025-01-03 | USD   | 2     | 1               | 290      | 230        | 60           | 90",
            "2025-01-04 | USD   | 1     | 0               | 100      | 120        | -20          | 70"),
        text(PnlReports.daily(PnlReports.dailyBySymbol(Sells.of(allocations, UTC)))));
  }

  @Test
  void aSaleAt2330OnDecember31InLosAngelesBelongsToThatYearThereButToTheNextInUtc(
      SparkSession spark) {
    Dataset<Row> lots =
        Allocations.of(
            spark,
            HEADER,
            "null | BTC-USD | T5 | T4 | 2026-01-01T07:30:00Z | 2024-12-31T12:00:00Z | 0.010 | 950 | 900 | 50 | short",
            "null | BTC-USD | T6 | null | 2026-01-01T07:30:00Z | null | 0.5 | 100 | null | null | null");

    assertSameRows(
        Rows.table(
            spark,
            "description | date_acquired | date_sold  | proceeds | cost_basis | gain | term  | tax_year | warned",
            "0.01 BTC    | 2024-12-31    | 2025-12-31 | 950      | 900        | 50   | short | 2025     | false",
            "0.5 BTC     | null          | 2025-12-31 | 100      | null       | null | null  | 2025     | true"),
        text(TaxReports.lots(lots, ZoneId.of("America/Los_Angeles")))
            .withColumn("warned", col("warning").isNotNull().cast("string")));
    assertSameRows(
        Rows.table(
            spark,
            "tax_year | term    | quote | lots | proceeds | cost_basis | gain",
            "2026     | short   | USD   | 1    | 950      | 900        | 50",
            "2026     | unknown | USD   | 1    | 100      | null       | null"),
        text(TaxReports.summary(TaxReports.lots(lots, UTC))));
  }

  @Test
  void taxLotsComeInFileOrderAcrossPartitionsOfBoundedSize() {
    Dataset<Row> lots = TaxReports.lots(allocations, UTC);

    Dataset<Row> ordered = ReportTables.taxLotsInFileOrder(lots, 7, 2);

    assertEquals(4, ordered.rdd().getNumPartitions(), "7 lots, at most 2 per partition");
    List<String> fetched = new ArrayList<>();
    ordered
        .toLocalIterator()
        .forEachRemaining(
            r -> fetched.add(r.getAs("sell_order_id") + "/" + r.getAs("buy_order_id")));
    assertEquals(
        List.of("S1/B1", "E1/C1", "S2/B1", "S2/B2", "E2/C2", "E2/null", "S3/B2"),
        fetched,
        "by date sold, symbol and sell, then date acquired and buy, unmatched last");
  }

  private static Row lot(String symbol, String buy, String size, String cost, boolean dust) {
    return RowFactory.create(
        1, null, symbol, buy, null, new BigDecimal(size), new BigDecimal(cost), dust, "b", null);
  }

  /** Every column as text: decimals plain, the rest cast; the version column dropped. */
  static Dataset<Row> text(Dataset<Row> rows) {
    Column[] columns =
        Arrays.stream(rows.schema().fields())
            .filter(f -> !f.name().equals("allocation_version") && !f.name().equals("account"))
            .map(
                f ->
                    f.dataType() instanceof DecimalType
                        ? Columns.plain(col(f.name())).as(f.name())
                        : col(f.name()).cast("string").as(f.name()))
            .toArray(Column[]::new);
    return rows.select(columns);
  }
}
