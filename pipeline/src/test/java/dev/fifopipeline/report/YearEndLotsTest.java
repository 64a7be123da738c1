package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Year-end lots of {@code report tax --year Y} on a lake allocated by the real engine (FIFO) in
 * tax.timezone America/New_York, where 2024 ends at 2025-01-01T05:00:00Z. L1 buys 3 BTC at 100 with
 * a 0.01 fee (a share of 0.00333... a coin) and sells 1 in June, 0.5 at 23:45 local on December 31
 * (2025 in UTC), and 1 in February 2025. L2 buys 1 BTC at 200 with a 0.02 fee at 23:30 local on
 * December 31; L3 buys 1 BTC at midnight local on January 1 (next year). E1 (ETH) is sold whole in
 * 2024; E3 (ETH, fee 0.5) is held from 2023 (long term). D1 (SOL) is sold down to dust.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class YearEndLotsTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static TempLake temp;
  private static ReportResult year2024;
  private static ReportResult year2025;

  @BeforeAll
  static void lake() {
    temp = new TempLake();
    Ledgers.ingest(
        temp,
        String.join(
            "\n",
            "account,order_id,symbol,side,order_time,price,size,fees",
            "a,E1,ETH-USD,buy,2023-06-01T12:00:00Z,10,2,0",
            "a,E3,ETH-USD,buy,2023-07-01T12:00:00Z,20,1,0.5",
            "a,E2,ETH-USD,sell,2024-01-10T12:00:00Z,15,2,0",
            "a,L1,BTC-USD,buy,2024-03-01T12:00:00Z,100,3,0.01",
            "a,D1,SOL-USD,buy,2024-05-01T12:00:00Z,10,1.000000005,0",
            "a,D2,SOL-USD,sell,2024-06-01T12:00:00Z,12,1,0",
            "a,S1,BTC-USD,sell,2024-06-01T12:00:00Z,120,1,0",
            "a,L2,BTC-USD,buy,2025-01-01T04:30:00Z,200,1,0.02",
            "a,S2,BTC-USD,sell,2025-01-01T04:45:00Z,130,0.5,0",
            "a,L3,BTC-USD,buy,2025-01-01T05:00:00Z,300,1,0",
            "a,S3,BTC-USD,sell,2025-02-01T12:00:00Z,140,1,0",
            ""));
    new AllocateJob(
            temp.lake(),
            new AllocateRequest(1, MethodSchedule.of(MatchingMethod.FIFO), Set.of(), null, false),
            MatchingRules.DEFAULT_DUST,
            NEW_YORK,
            Ledgers.CLOCK)
        .run();
    year2024 = report(2024, Prices.of(Map.of("BTC-USD", new BigDecimal("250"))));
    year2025 = report(2025, Prices.none());
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  private static ReportResult report(int year, Prices prices) {
    return new ReportJob(
            temp.lake(),
            new ReportRequest(1, ReportKind.TAX, year, temp.folder().resolve("reports"), prices),
            NEW_YORK,
            Ledgers.CLOCK)
        .run();
  }

  @Test
  void lotsOpenAtTheLocalYearEndWithTheirBasisAndUnrealizedGain() throws IOException {
    assertEquals(
        String.join(
            "\n",
            "allocation_version,tax_year,account,symbol,quote,buy_order_id,buy_time,date_acquired,"
                + "size,buy_price,cost_basis,holding_days,term,mark_price,market_value,"
                + "unrealized_gain",
            // 3 - 1 - 0.5 (the sell at 23:45 local counts); fees 0.01 - 0.0033.. - 0.0016..67
            "1,2024,a,BTC-USD,USD,L1,2024-03-01T12:00:00Z,2024-03-01,1.5,100,150.01,305,short,"
                + "250,375.00,225.00",
            // bought at 23:30 local on December 31: in 2024
            "1,2024,a,BTC-USD,USD,L2,2025-01-01T04:30:00Z,2024-12-31,1,200,200.02,0,short,250,"
                + "250.00,49.98",
            "1,2024,a,ETH-USD,USD,E3,2023-07-01T12:00:00Z,2023-07-01,1,20,20.50,549,long,,,",
            ""),
        Files.readString(temp.folder().resolve("reports/v1-2024/year_end_lots.csv"))
            .replace("\r", ""));
  }

  @Test
  void theLakeKeepsTheBasisAndGainExact() {
    Row l1 =
        temp.lake()
            .read(LakeTable.YEAR_END_LOTS)
            .filter(col("tax_year").equalTo(2024).and(col("buy_order_id").equalTo("L1")))
            .first();
    assertEquals(0, new BigDecimal("150.005").compareTo(l1.getAs("cost_basis")));
    assertEquals(0, new BigDecimal("224.995").compareTo(l1.getAs("unrealized_gain")));
  }

  @Test
  void theSummarySaysHowManyLotsAndTheirBasis() {
    assertTrue(
        year2024
            .forms()
            .contains(
                "year-end lots 2024: 3 lots open at the end of 2024-12-31 in America/New_York"),
        year2024.forms());
    assertTrue(year2024.forms().contains("USD: 3 lots, cost basis 370.53"), year2024.forms());
  }

  @Test
  void afterTheLastTradeTheYearEndLotsAreTheSnapshotsOpenLots() {
    Map<String, List<Object>> snapshot = new TreeMap<>();
    for (Row row :
        temp.lake()
            .read(LakeTable.FIFO_INVENTORY_SNAPSHOT)
            .filter(col("allocation_version").equalTo(1).and(col("dust").equalTo(false)))
            .collectAsList()) {
      snapshot.put(
          row.getAs("account") + "/" + row.getAs("symbol") + "/" + row.getAs("buy_order_id"),
          List.of(row.getAs("remaining_size"), row.getAs("remaining_cost_basis")));
    }
    Map<String, List<Object>> yearEnd = new TreeMap<>();
    for (Row row :
        temp.lake()
            .read(LakeTable.YEAR_END_LOTS)
            .filter(col("allocation_version").equalTo(1).and(col("tax_year").equalTo(2025)))
            .collectAsList()) {
      yearEnd.put(
          row.getAs("account") + "/" + row.getAs("symbol") + "/" + row.getAs("buy_order_id"),
          List.of(row.getAs("size"), row.getAs("cost_basis")));
    }
    assertEquals(
        Set.of("a/BTC-USD/L1", "a/BTC-USD/L2", "a/BTC-USD/L3", "a/ETH-USD/E3"), yearEnd.keySet());
    assertEquals(snapshot, yearEnd);
    // 0.5 left of L1 with the fee share no allocation took: 0.01 - 2 x 0.0033.. - 0.0016..67
    assertEquals(
        new BigDecimal("50.001666666666666667"),
        ((BigDecimal) yearEnd.get("a/BTC-USD/L1").get(1)).stripTrailingZeros());
  }

  @Test
  void eachYearKeepsItsOwnRows() {
    assertEquals(
        3L,
        temp.lake().read(LakeTable.YEAR_END_LOTS).filter(col("tax_year").equalTo(2024)).count());
    assertTrue(year2025.forms().contains("year-end lots 2025: 4 lots"), year2025.forms());
  }
}
