package dev.fifopipeline.report;

import static dev.fifopipeline.report.ReportTablesTest.text;
import static dev.fifopipeline.testing.DataFrames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.Rows;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report job on a lake allocated by the real engine: version 1 in Los Angeles, version 2 of the
 * same ledger in UTC. T1 is bought on Feb 29 2024; T2 sells part of it at 23:30 on Feb 28 2025 in
 * Los Angeles (its anniversary: short term) which is already Mar 1 in UTC (long term); T3 sells the
 * rest a day later (long either way). T5 sells at 23:30 on Dec 31 2025 in Los Angeles, which is
 * 2026 in UTC. E1 leaves an open lot; X2 sells SOL the ledger never bought.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class ReportJobTest {
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static TempLake temp;

  @BeforeAll
  static void lake() {
    temp = new TempLake();
    Ledgers.ingest(
        temp,
        Ledgers.csv(
            "T1,BTC-USD,buy,2024-02-29T20:00:00Z,50000,0.02,0",
            "T2,BTC-USD,sell,2025-03-01T07:30:00Z,80000,0.01,0",
            "T3,BTC-USD,sell,2025-03-02T07:30:00Z,81000,0.01,0",
            "T4,BTC-USD,buy,2024-12-31T12:00:00Z,90000,0.01,0",
            "T5,BTC-USD,sell,2026-01-01T07:30:00Z,95000,0.01,0",
            "E1,ETH-USD,buy,2025-06-01T00:00:00Z,100,2,1",
            "E2,ETH-USD,sell,2025-06-02T00:00:00Z,110,1,0.1",
            "X2,SOL-USD,sell,2025-07-01T00:00:00Z,20,1,0"));
    allocate(1, LOS_ANGELES);
    allocate(2, ZoneOffset.UTC);
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  private static void allocate(int version, ZoneId zone) {
    new AllocateJob(
            temp.lake(),
            new AllocateRequest(
                version, MethodSchedule.of(MatchingMethod.FIFO), Set.of(), null, false),
            MatchingRules.DEFAULT_DUST,
            zone,
            Ledgers.CLOCK)
        .run();
  }

  private static ReportResult report(
      int version, ReportKind kind, Integer year, ZoneId zone, Prices prices) {
    return new ReportJob(
            temp.lake(),
            new ReportRequest(version, kind, year, temp.folder().resolve("reports"), prices),
            zone,
            Ledgers.CLOCK)
        .run();
  }

  private static Dataset<Row> lake(LakeTable table, int version) {
    return text(temp.lake().read(table).filter(col("allocation_version").equalTo(version)));
  }

  @Test
  void reportsEveryTableInTheTaxZoneAndWritesFilesRoundedToCents(SparkSession spark)
      throws IOException {
    ReportResult result =
        report(
            1,
            ReportKind.ALL,
            null,
            LOS_ANGELES,
            Prices.of(Map.of("eth/usd", new BigDecimal("150"))));

    assertEquals(5, result.headlines().get(0).sells());
    assertEquals(new BigDecimal("669.400000000000000000"), result.headlines().get(0).realizedPnl());
    assertEquals(1, result.headlines().get(0).unmatchedSells());
    assertEquals(4, result.headlines().get(0).wins());
    assertSameRows(
        Rows.table(
            spark,
            "tax_year | term    | quote | lots | proceeds | cost_basis | gain",
            "2025     | long    | USD   | 1    | 810      | 500        | 310",
            "2025     | short   | USD   | 3    | 1859.9   | 1500.5     | 359.4",
            "2025     | unknown | USD   | 1    | 20       | null       | null"),
        lake(LakeTable.TAX_SUMMARY, 1));
    assertSameRows(
        Rows.table(
            spark,
            "date       | sells | unmatched_sells | volume | fees | realized_pnl | cumulative_pnl",
            "2025-02-28 | 1     | 0               | 800    | 0    | 300          | 300",
            "2025-03-01 | 1     | 0               | 810    | 0    | 310          | 610",
            "2025-06-01 | 1     | 0               | 110    | 0.6  | 9.4          | 619.4",
            "2025-06-30 | 1     | 1               | 20     | 0    | 0            | 619.4",
            "2025-12-31 | 1     | 0               | 950    | 0    | 50           | 669.4"),
        lake(LakeTable.PNL_DAILY, 1));
    assertSameRows(
        Rows.table(
            spark,
            "month   | quote | sells | volume | realized_pnl | cumulative_pnl",
            "2025-02 | USD   | 1     | 800    | 300          | 300",
            "2025-03 | USD   | 1     | 810    | 310          | 610",
            "2025-06 | USD   | 2     | 130    | 9.4          | 619.4",
            "2025-12 | USD   | 1     | 950    | 50           | 669.4"),
        lake(LakeTable.PNL_MONTHLY, 1));
    assertSameRows(
        Rows.table(
            spark,
            "quote | symbols | sells | unmatched_sells | volume | realized_pnl | open_lots | open_cost_basis | market_value | unrealized_pnl",
            "USD   | 3       | 5     | 1               | 2690   | 669.4        | 1         | 100.5           | 150          | 49.5"),
        lake(LakeTable.PNL_BY_QUOTE, 1));
    assertSameRows(
        Rows.table(
            spark,
            "symbol  | realized_pnl | open_lots | open_size | open_cost_basis | mark_price | unrealized_pnl",
            "BTC-USD | 660          | 0         | 0         | 0               | null       | null",
            "ETH-USD | 9.4          | 1         | 1         | 100.5           | 150        | 49.5",
            "SOL-USD | 0            | 0         | 0         | 0               | null       | null"),
        lake(LakeTable.PNL_BY_SYMBOL, 1));

    Path folder = temp.folder().resolve("reports/v1");
    assertEquals(
        String.join(
            "\n",
            "allocation_version,tax_year,term,proceeds,cost_basis,gain,quote,lots",
            "1,2025,long,810.00,500.00,310.00,USD,1",
            "1,2025,short,1859.90,1500.50,359.40,USD,3",
            "1,2025,unknown,20.00,,,USD,1",
            ""),
        Files.readString(folder.resolve("tax_summary.csv")));
    String lots = Files.readString(folder.resolve("tax_lots.csv"));
    assertTrue(
        lots.contains(
            "1,0.01 BTC,2024-12-31,2025-12-31,950.00,900.00,50.00,short,2025,,BTC-USD,USD,"),
        lots);
    String unmatched = Files.readString(folder.resolve("tax_lots_unmatched.csv"));
    assertTrue(
        unmatched.contains("1,1 SOL,,2025-06-30,20.00,,,,2025,,SOL-USD,USD,X2,,1,,"), unmatched);
    String page = Files.readString(folder.resolve("report.html"));
    assertEquals(5, page.split("<img ", -1).length - 1, "charts embedded");
    assertTrue(page.contains("data:image/png;base64,"), "charts are data URIs");
    assertTrue(!page.contains("src=\"http") && !page.contains("href=\"http"), "no external asset");
    assertEquals(
        Set.of(
            "pnl_by_symbol.csv",
            "pnl_by_quote.csv",
            "pnl_daily.csv",
            "pnl_monthly.csv",
            "win_rate.csv",
            "tax_lots.csv",
            "tax_lots_unmatched.csv",
            "tax_summary.csv",
            "report.html"),
        Set.copyOf(result.files().keySet().stream().map(p -> p.getFileName().toString()).toList()));

    // a rerun replaces the version's rows; --year limits the files, never the lake
    report(1, ReportKind.TAX, 2025, LOS_ANGELES, Prices.none());
    assertEquals(
        5,
        temp.lake().read(LakeTable.TAX_LOTS).filter(col("allocation_version").equalTo(1)).count(),
        "one lot per allocation of version 1, once");
  }

  @Test
  void theSameLedgerInUtcMovesSalesToTheLongTermAndTheDecember31SaleTo2026(SparkSession spark)
      throws IOException {
    ReportResult result = report(2, ReportKind.TAX, 2026, ZoneOffset.UTC, Prices.none());

    assertSameRows(
        Rows.table(
            spark,
            "tax_year | term    | lots | proceeds | cost_basis | gain",
            "2025     | long    | 2    | 1610     | 1000       | 610",
            "2025     | short   | 1    | 109.9    | 100.5      | 9.4",
            "2025     | unknown | 1    | 20       | null       | null",
            "2026     | long    | 1    | 950      | 900        | 50"),
        lake(LakeTable.TAX_SUMMARY, 2));
    assertEquals(1, result.headlines().get(0).sells(), "the files cover tax year 2026 only");
    assertEquals(
        String.join(
            "\n",
            "allocation_version,tax_year,term,proceeds,cost_basis,gain,quote,lots",
            "2,2026,long,950.00,900.00,50.00,USD,1",
            ""),
        Files.readString(temp.folder().resolve("reports/v2-2026/tax_summary.csv")));
  }

  @Test
  void aReportTableWrittenWithOtherColumnsIsNotWrittenInto(SparkSession spark) {
    try (TempLake other = new TempLake()) {
      spark
          .createDataFrame(
              List.of(RowFactory.create(1, "USD")),
              new StructType().add("allocation_version", "int").add("quote", "string"))
          .write()
          .format("delta")
          .save(other.lake().path(LakeTable.PNL_BY_QUOTE));

      PipelineException outdated =
          assertThrows(
              PipelineException.class,
              () -> ReportChecks.schema(other.lake(), LakeTable.PNL_BY_QUOTE));
      assertEquals(ExitCode.ENVIRONMENT, outdated.exitCode());
      assertTrue(
          outdated
              .getMessage()
              .startsWith(
                  "Cannot write report table pnl_by_quote: the lake's table has other columns"
                      + " (unexpected: none; missing: cost_basis decimal(38,18), "),
          outdated.getMessage());
      assertTrue(
          outdated.getMessage().contains("delete " + other.lake().path(LakeTable.PNL_BY_QUOTE)));
    }
  }

  @Test
  void refusesUnknownVersionsBadYearsAndAnotherTaxZone() {
    PipelineException unknown =
        assertThrows(
            PipelineException.class,
            () -> report(9, ReportKind.PNL, null, LOS_ANGELES, Prices.none()));
    assertEquals(ExitCode.USAGE, unknown.exitCode());
    assertEquals(
        "Cannot report version 9: it does not exist (versions in the lake: 1, 2)",
        unknown.getMessage());

    PipelineException zone =
        assertThrows(
            PipelineException.class,
            () -> report(1, ReportKind.PNL, null, ZoneOffset.UTC, Prices.none()));
    assertEquals(ExitCode.USAGE, zone.exitCode());
    assertTrue(
        zone.getMessage()
            .startsWith(
                "Cannot report version 1: its holding terms were computed in tax.timezone"
                    + " America/Los_Angeles, the settings say Z"),
        zone.getMessage());

    PipelineException year =
        assertThrows(
            PipelineException.class,
            () -> report(1, ReportKind.TAX, 1800, LOS_ANGELES, Prices.none()));
    assertEquals(ExitCode.USAGE, year.exitCode());

    PipelineException empty =
        assertThrows(
            PipelineException.class,
            () -> report(1, ReportKind.TAX, 2024, LOS_ANGELES, Prices.none()));
    assertEquals(
        "Cannot report year 2024 of version 1: it has no sells in that tax year in"
            + " America/Los_Angeles (years with sells: 2025)",
        empty.getMessage());
  }
}
