package dev.fifopipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The missing-buy hunt on a hand-made ledger with accounts and {@code matching.dust} 0.001, one
 * unmatched sell per cause: B2 (BTC, coinbase) whose buy is in account kraken; E2 (ETH) whose buy
 * F9 is in the exchange's fills export only; D3 (SOL) a rounding rest after lot D1 was closed as
 * dust; G2 (DOGE-USD) whose buy was recorded as XDG-USD, Kraken's name; A1 (ADA) with no evidence.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class UnmatchedHuntTest {
  private static final String AGAIN = "then allocate --version 1 --force";
  private static TempLake temp;
  private static Path fills;
  private static UnmatchedResult result;

  @BeforeAll
  static void lake() {
    temp = new TempLake();
    Ledgers.ingest(
        temp,
        String.join(
            "\n",
            "order_id,account,symbol,side,order_time,price,size,fees",
            "B1,kraken,BTC-USD,buy,2025-01-01T00:00:00Z,100,2,0",
            "B2,coinbase,BTC-USD,sell,2025-01-05T00:00:00Z,120,1,0",
            "E1,coinbase,ETH-USD,buy,2025-01-01T00:00:00Z,10,1,0",
            "E2,coinbase,ETH-USD,sell,2025-01-03T00:00:00Z,12,3,0",
            "D1,coinbase,SOL-USD,buy,2025-01-01T00:00:00Z,10,1.0005,0",
            "D2,coinbase,SOL-USD,sell,2025-01-02T00:00:00Z,11,1,0",
            "D3,coinbase,SOL-USD,sell,2025-01-03T00:00:00Z,11,0.004,0",
            "G1,coinbase,XDG-USD,buy,2025-01-01T00:00:00Z,0.1,500,0",
            "G2,coinbase,DOGE-USD,sell,2025-01-02T00:00:00Z,0.2,100,0",
            "A1,coinbase,ADA-USD,sell,2025-01-04T00:00:00Z,1,50,0",
            ""));
    new AllocateJob(
            temp.lake(),
            new AllocateRequest(1, MethodSchedule.of(MatchingMethod.FIFO), Set.of(), null, false),
            new BigDecimal("0.001"),
            ZoneId.of("UTC"),
            Ledgers.CLOCK)
        .run();
    fills =
        temp.file(
            "fills.csv",
            Ledgers.csv(
                "E1,ETH-USD,buy,2025-01-01T00:00:00Z,10,1,0",
                "F9,ETH-USD,buy,2025-01-02T00:00:00Z,11,2,0",
                "E2,ETH-USD,sell,2025-01-03T00:00:00Z,12,3,0"));
    result =
        new UnmatchedHunt(
                temp.lake(),
                1,
                MatchingRules.DEFAULT_DUST,
                fills.toString(),
                temp.folder().resolve("reports"))
            .run();
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  private static List<String> causesOf(String sell) {
    return result.rows().stream()
        .filter(r -> r.getString(3).equals(sell))
        .map(r -> r.getString(6) + ": " + r.getString(7))
        .toList();
  }

  @Test
  void aBuyOfThatSizeInAnotherAccountIsNamed() {
    assertEquals(
        List.of(
            "per_account_scope: buy B1 of 2 BTC-USD at 2025-01-01T00:00:00Z is in account"
                + " kraken, and lots are kept per account: if the coins moved to coinbase, add"
                + " the transfer in to the ledger (a buy in coinbase at the original date and"
                + " cost), "
                + AGAIN),
        causesOf("B2"));
  }

  @Test
  void aFillTheExchangeHasAndTheLedgerLacksIsNamed() {
    assertEquals(
        List.of(
            "missing_fill: the exchange export has a buy of 2 ETH-USD at 2025-01-02T00:00:00Z"
                + " (F9) the ledger lacks (1 such fills before the sell): reconcile --fills "
                + fills
                + " --auto-backfill appends them, "
                + AGAIN),
        causesOf("E2"));
  }

  @Test
  void aRestOfRoundingAfterALotClosedAsDustIsNamed() {
    assertEquals(
        List.of(
            "dust: the unmatched 0.004 is within 10x matching.dust 0.001 and lot D1 (bought"
                + " 2025-01-01T00:00:00Z) was closed as dust with 0.0005 left: sizes rounded"
                + " differently by the bot and the exchange; fix the sizes in the source, or set"
                + " matching.dust above 0.004 and allocate --version 1 --force"),
        causesOf("D3"));
  }

  @Test
  void aSymbolAliasTheNormaliserDoesNotKnowIsNamed() {
    assertEquals(
        List.of(
            "symbol_alias: XDG-USD names the same assets as DOGE-USD and has 1 buys of 500 before"
                + " the sell, but ingest keeps them apart (it unifies only case and / or _): write"
                + " XDG-USD as DOGE-USD in the source, ingest, "
                + AGAIN),
        causesOf("G2"));
  }

  @Test
  void aSellWithoutEvidenceSaysWhichBuyIsMissing() {
    assertEquals(
        List.of(
            "no_evidence: no evidence found in the ledger or the fills export: a buy of at least"
                + " 50 ADA-USD in account coinbase before 2025-01-04T00:00:00Z is missing (a trade"
                + " before the ledger starts, a transfer in, a buy quarantined at ingest): import"
                + " it, or compare with the exchange (report unmatched --fills FILE, reconcile"
                + " --fills FILE)"),
        causesOf("A1"));
  }

  @Test
  void everyUnmatchedSellIsListedInSellTimeOrderAndWrittenToTheFile() throws IOException {
    assertEquals(5, result.sells());
    assertEquals(
        List.of("G2", "E2", "D3", "A1", "B2"),
        result.rows().stream().map(r -> r.getString(3)).toList());
    Row first = result.rows().get(0);
    assertEquals("coinbase", first.getString(1));
    assertEquals(0, new BigDecimal("100").compareTo(first.getDecimal(5)));
    assertEquals(temp.folder().resolve("reports/v1/unmatched_causes.csv"), result.file());
    List<String> lines = Files.readAllLines(result.file());
    assertEquals(
        "allocation_version,account,symbol,sell_order_id,sell_time,unmatched_size,cause,action",
        lines.get(0));
    assertEquals(6, lines.size());
    assertTrue(
        lines.get(1).startsWith("1,coinbase,DOGE-USD,G2,2025-01-02T00:00:00Z,100,symbol_alias,"),
        lines.get(1));
    assertTrue(
        result
            .summary()
            .startsWith(
                "report unmatched v1: 5 unmatched sells: symbol_alias 1, missing_fill 1, dust"
                    + " 1, no_evidence 1, per_account_scope 1 (compared with "),
        result.summary());
  }

  @Test
  void theCountOfUnmatchedSellsIsTheVersions() {
    assertEquals(5, UnmatchedHunt.count(temp.lake(), 1));
    assertEquals(0, UnmatchedHunt.count(temp.lake(), 2));
  }

  @Test
  void krakensLegacyAssetCodesAreAliases() {
    assertEquals("BTC", SymbolAliases.asset("XXBT"));
    assertEquals("BTC", SymbolAliases.asset("xbt"));
    assertEquals("USD", SymbolAliases.asset("ZUSD"));
    assertEquals("SOL", SymbolAliases.asset("SOL"));
    assertEquals(
        List.of("XBT-USD", "XXBT-ZUSD"),
        SymbolAliases.of(
            "BTC-USD", List.of("BTC-USD", "XBT-USD", "XXBT-ZUSD", "BTC-EUR", "ETH-USD")));
  }
}
