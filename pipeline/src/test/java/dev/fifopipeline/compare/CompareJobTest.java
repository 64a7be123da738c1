package dev.fifopipeline.compare;

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
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * compare on a hand-computed ledger, allocated as version 1 (fifo) and 2 (hifo), with legacy inline
 * values: S1's legacy pnl is right; S2 is oversold; E2's legacy parent E0 is a lot FIFO never gave
 * it (the stale-parent bug); E3's parent is right but its amount wrong; X2 has none.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class CompareJobTest {
  private static TempLake temp;

  @BeforeAll
  static void lake() {
    temp = new TempLake();
    Path ledger =
        temp.file(
            "ledger.csv",
            String.join(
                "\n",
                "order_id,symbol,side,order_time,price,size,fees,pnl_usd,cost_basis_usd,parent_id",
                "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,0,,,",
                "B2,BTC-USD,buy,2025-01-02T00:00:00Z,110,10,0,,,",
                "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,5,0,100.00,500.00,B1",
                "S2,BTC-USD,sell,2025-01-04T00:00:00Z,130,20,0,400.00,2200.00,B1",
                "E1,ETH-USD,buy,2025-01-01T00:00:00Z,10,1,0.1,,,",
                "E0,ETH-USD,buy,2025-01-01T12:00:00Z,12,1,0,,,",
                "E2,ETH-USD,sell,2025-01-02T00:00:00Z,12,1,0,2.00,10.00,E0",
                "E3,ETH-USD,sell,2025-01-03T00:00:00Z,13,1,0,1.50,12.00,E0",
                "X1,SOL-USD,buy,2025-01-01T00:00:00Z,10,1,0,,,",
                "X2,SOL-USD,sell,2025-01-02T00:00:00Z,11,1,0,,,",
                ""));
    new IngestJob(temp.lake(), Ledgers.csvSource(ledger.toString()), Ledgers.CLOCK).run();
    allocate(1, MatchingMethod.FIFO);
    allocate(2, MatchingMethod.HIFO);
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  private static void allocate(int version, MatchingMethod method) {
    new AllocateJob(
            temp.lake(),
            new AllocateRequest(
                version, method == null ? null : MethodSchedule.of(method), Set.of(), null, false),
            MatchingRules.DEFAULT_DUST,
            ZoneOffset.UTC,
            Ledgers.CLOCK)
        .run();
  }

  private static Path out() {
    return temp.folder().resolve("out");
  }

  @Test
  void twoVersionsDifferPerSellInLotsOrAmount() throws IOException {
    CompareResult result =
        new CompareJob(temp.lake(), CompareRequest.versions(1, 2, out(), 10)).run();

    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("different_lots", 3L);
    expected.put("different_pnl", 1L);
    expected.put("only_in_a", 0L);
    expected.put("only_in_b", 0L);
    expected.put("same", 1L);
    assertEquals(expected, result.statuses());
    assertEquals(4, result.largest().size(), "X2 is the same in both");
    assertEquals(
        String.join(
            "\n",
            "version_a,version_b,account,symbol,sell_order_id,sell_time,pnl_a,pnl_b,difference,"
                + "lots_a,lots_b,unmatched_size_a,unmatched_size_b,status",
            "1,2,,BTC-USD,S1,2025-01-03T00:00:00Z,100.00,50.00,-50.00,B1,B2,0,0,different_lots",
            "1,2,,BTC-USD,S2,2025-01-04T00:00:00Z,350.00,400.00,50.00,B1 B2,B1 B2,5,5,different_pnl",
            "1,2,,ETH-USD,E2,2025-01-02T00:00:00Z,1.90,0.00,-1.90,E1,E0,0,0,different_lots",
            "1,2,,ETH-USD,E3,2025-01-03T00:00:00Z,1.00,2.90,1.90,E0,E1,0,0,different_lots",
            "1,2,,SOL-USD,X2,2025-01-02T00:00:00Z,1.00,1.00,0.00,X1,X1,0,0,same",
            ""),
        Files.readString(out().resolve("compare-v1-v2.csv")));
    assertEquals(
        String.join(
            "\n",
            "account,symbol,sells,different_lots,different_pnl,only_in_a,only_in_b,pnl_a,pnl_b,"
                + "difference",
            ",BTC-USD,2,1,1,0,0,450.00,450.00,0.00",
            ",ETH-USD,2,2,0,0,0,2.90,2.90,0.00",
            ",SOL-USD,1,0,0,0,0,1.00,1.00,0.00",
            ""),
        Files.readString(out().resolve("compare-v1-v2-by-symbol.csv")));
    assertTrue(result.symbols().isEmpty(), "no symbol differs in total");
  }

  @Test
  void legacyValuesAreCheckedSellBySell() throws IOException {
    CompareResult result = new CompareJob(temp.lake(), CompareRequest.legacy(1, out(), 10)).run();

    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("other_lot", 1L);
    expected.put("differs", 1L);
    expected.put("unmatched", 1L);
    expected.put("no_legacy", 1L);
    expected.put("agrees", 1L);
    assertEquals(expected, result.statuses());
    assertEquals(
        String.join(
            "\n",
            "allocation_version,account,symbol,sell_order_id,sell_time,legacy_pnl,pnl,difference,"
                + "legacy_cost_basis,cost_basis,legacy_parent_id,lots,unmatched_size,status",
            "1,,BTC-USD,S2,2025-01-04T00:00:00Z,400.00,350.00,-50.00,2200.00,1600.00,B1,B1 B2,5,unmatched",
            "1,,ETH-USD,E3,2025-01-03T00:00:00Z,1.50,1.00,-0.50,12.00,12.00,E0,E0,0,differs",
            "1,,ETH-USD,E2,2025-01-02T00:00:00Z,2.00,1.90,-0.10,10.00,10.10,E0,E1,0,other_lot",
            "1,,BTC-USD,S1,2025-01-03T00:00:00Z,100.00,100.00,0.00,500.00,500.00,B1,B1,0,agrees",
            "1,,SOL-USD,X2,2025-01-02T00:00:00Z,,1.00,,,10.00,,X1,0,no_legacy",
            ""),
        Files.readString(out().resolve("compare-v1-legacy.csv")));
    assertEquals(
        String.join(
            "\n",
            "account,symbol,sells,other_lot,differs,unmatched,no_legacy,legacy_pnl,pnl,difference",
            ",BTC-USD,2,0,0,1,0,500.00,450.00,-50.00",
            ",ETH-USD,2,1,1,0,0,3.50,2.90,-0.60",
            ",SOL-USD,1,0,0,0,1,,,0.00",
            ""),
        Files.readString(out().resolve("compare-v1-legacy-by-symbol.csv")));
  }

  @Test
  void anUnknownVersionIsAUsageError() {
    PipelineException unknown =
        assertThrows(
            PipelineException.class,
            () -> new CompareJob(temp.lake(), CompareRequest.versions(1, 7, out(), 10)).run());
    assertEquals(ExitCode.USAGE, unknown.exitCode());
    assertEquals(
        "Cannot compare version 7: it does not exist (versions in the lake: 1, 2)",
        unknown.getMessage());
  }
}
