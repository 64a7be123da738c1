package dev.fifopipeline.engine;

import static dev.fifopipeline.engine.Ledger.allocations;
import static dev.fifopipeline.engine.Ledger.buy;
import static dev.fifopipeline.engine.Ledger.inventory;
import static dev.fifopipeline.engine.Ledger.match;
import static dev.fifopipeline.engine.Ledger.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the contract's matching rules (section 2). */
@Tag("unit")
class LotMatcherTest {
  private static final MatchingRules FIFO = MatchingRules.defaults();
  private static final MatchingRules LIFO = FIFO.withMethod(MatchingMethod.LIFO);
  private static final MatchingRules HIFO = FIFO.withMethod(MatchingMethod.HIFO);

  private static final Trade B1 = buy("B1", "2025-01-01T00:00:00Z", "100", "10", "1");
  private static final Trade B2 = buy("B2", "2025-01-02T00:00:00Z", "110", "5", "0.5");
  private static final Trade B3 = buy("B3", "2025-01-02T12:00:00Z", "105", "5", "0.5");
  private static final Trade S1 = sell("S1", "2025-01-03T00:00:00Z", "120", "12", "1.2");

  @Test
  void fifoConsumesOldestLotFirstAndSplitsFeesProRata() {
    List<MatchEvent> events = match(FIFO, B1, B2, S1);
    assertEquals(
        List.of(
            // B1 fully consumed: takes all its fee; sell fee 1.2 x 10/12 = 1
            "S1<-B1 size=10 buyFee=1 sellFee=1 cost=1001 proceeds=1199 pnl=198",
            // B2: 0.5 x 2/5 = 0.2; the sell's last row takes the rest of its fee, 0.2
            "S1<-B2 size=2 buyFee=0.2 sellFee=0.2 cost=220.2 proceeds=239.8 pnl=19.6"),
        allocations(events));
    assertEquals(List.of("B2 open size=3 cost=330.3"), inventory(events));
  }

  @Test
  void lifoConsumesNewestLotFirst() {
    List<MatchEvent> events = match(LIFO, B1, B2, B3, S1);
    assertEquals(
        List.of(
            "S1<-B3 size=5 buyFee=0.5 sellFee=0.5 cost=525.5 proceeds=599.5 pnl=74",
            "S1<-B2 size=5 buyFee=0.5 sellFee=0.5 cost=550.5 proceeds=599.5 pnl=49",
            "S1<-B1 size=2 buyFee=0.2 sellFee=0.2 cost=200.2 proceeds=239.8 pnl=39.6"),
        allocations(events));
    assertEquals(List.of("B1 open size=8 cost=800.8"), inventory(events));
  }

  @Test
  void hifoConsumesHighestUnitCostFirst() {
    // unit costs: B1 (1000 + 1) / 10 = 100.1, B2 110.1, B3 105.1
    List<MatchEvent> events = match(HIFO, B1, B2, B3, S1);
    assertEquals(
        List.of(
            "S1<-B2 size=5 buyFee=0.5 sellFee=0.5 cost=550.5 proceeds=599.5 pnl=49",
            "S1<-B3 size=5 buyFee=0.5 sellFee=0.5 cost=525.5 proceeds=599.5 pnl=74",
            "S1<-B1 size=2 buyFee=0.2 sellFee=0.2 cost=200.2 proceeds=239.8 pnl=39.6"),
        allocations(events));
    assertEquals(List.of("B1 open size=8 cost=800.8"), inventory(events));
  }

  @Test
  void hifoBreaksUnitCostTiesByProcessingOrderAndCountsFeesInTheCost() {
    // Same unit cost 10.1: X (price 10, fee 1 on 10) and Y (price 10.05, fee 0.25 on 5)
    Trade x = buy("X", "2025-01-01T00:00:00Z", "10", "10", "1");
    Trade y = buy("Y", "2025-01-02T00:00:00Z", "10.05", "5", "0.25");
    Trade z = buy("Z", "2025-01-03T00:00:00Z", "10.08", "1", "0"); // unit cost 10.08, lower
    Trade s = sell("S", "2025-01-04T00:00:00Z", "11", "12", "0");
    assertEquals(
        List.of(
            "S<-X size=10 buyFee=1 sellFee=0 cost=101 proceeds=110 pnl=9",
            "S<-Y size=2 buyFee=0.1 sellFee=0 cost=20.2 proceeds=22 pnl=1.8"),
        allocations(match(HIFO, x, y, z, s)));
  }

  @Test
  void oneLotFeedsSeveralSellsAndTheLastTakesTheFeeRemainder() {
    Trade b = buy("B", "2025-01-01T00:00:00Z", "1", "3", "1");
    Trade s1 = sell("S1", "2025-01-02T00:00:00Z", "2", "1", "0");
    Trade s2 = sell("S2", "2025-01-03T00:00:00Z", "2", "1", "0");
    Trade s3 = sell("S3", "2025-01-04T00:00:00Z", "2", "1", "0");
    assertEquals(
        List.of(
            "S1<-B size=1 buyFee=0.333333333333333333 sellFee=0 cost=1.333333333333333333"
                + " proceeds=2 pnl=0.666666666666666667",
            "S2<-B size=1 buyFee=0.333333333333333333 sellFee=0 cost=1.333333333333333333"
                + " proceeds=2 pnl=0.666666666666666667",
            "S3<-B size=1 buyFee=0.333333333333333334 sellFee=0 cost=1.333333333333333334"
                + " proceeds=2 pnl=0.666666666666666666"),
        allocations(match(FIFO, b, s1, s2, s3)));
  }

  @Test
  void feeSharesRoundHalfUpAt18Places() {
    // 5e-18 x 1/2 = 2.5e-18 rounds up to 3e-18; the consuming allocation takes the other 2e-18
    Trade b = buy("B", "2025-01-01T00:00:00Z", "1", "2", "0.000000000000000005");
    Trade s1 = sell("S1", "2025-01-02T00:00:00Z", "1", "1", "0");
    Trade s2 = sell("S2", "2025-01-03T00:00:00Z", "1", "1", "0");
    List<MatchEvent> events = match(FIFO, b, s1, s2);
    Allocation first = (Allocation) events.get(0);
    Allocation second = (Allocation) events.get(1);
    assertEquals(new BigDecimal("0.000000000000000003"), first.buyFeeShare());
    assertEquals(new BigDecimal("0.000000000000000002"), second.buyFeeShare());
  }

  @Test
  void sapienUsdSellMatchesTheDecemberBuyNotTheConsumedSeptemberOne() {
    // Seed 001: the inline FIFO matched this sell to the September buy (-$14.91); right is -$0.31.
    Trade septemberBuy =
        Trade.of(
            "2bc16f9a",
            "SAPIEN-USD",
            Side.BUY,
            Instant.parse("2025-09-10T04:46:00Z"),
            "0.2349",
            "188.9",
            "0.055469");
    Trade septemberSell =
        Trade.of(
            "5e1f0c33",
            "SAPIEN-USD",
            Side.SELL,
            Instant.parse("2025-09-12T10:00:00Z"),
            "0.2401",
            "188.9",
            "0.056696");
    Trade decemberBuy =
        Trade.of(
            "244dfcaf",
            "SAPIEN-USD",
            Side.BUY,
            Instant.parse("2025-12-03T23:11:00Z"),
            "0.17477",
            "188.9",
            "0.041268");
    Trade decemberSell =
        Trade.of(
            "b92820e6",
            "SAPIEN-USD",
            Side.SELL,
            Instant.parse("2025-12-04T01:30:00Z"),
            "0.17357",
            "188.9",
            "0.040985");

    List<MatchEvent> events =
        Ledger.matchAll(List.of(septemberBuy, septemberSell, decemberBuy, decemberSell), FIFO);

    Allocation december = (Allocation) events.get(1);
    assertEquals("b92820e6", december.sellOrderId());
    assertEquals("244dfcaf", december.buyOrderId());
    // cost 188.9 x 0.17477 + 0.041268 = 33.055321; proceeds 188.9 x 0.17357 - 0.040985 = 32.746388
    assertEquals("33.055321", Ledger.plain(december.costBasis()));
    assertEquals("32.746388", Ledger.plain(december.proceeds()));
    assertEquals("-0.308933", Ledger.plain(december.pnl()));
    assertEquals(2, events.size(), "no inventory is left: both buys were fully consumed");
  }

  @Test
  void sellShortOfInventoryGetsOneUnmatchedRowForTheRest() {
    Trade b = buy("B", "2025-01-01T00:00:00Z", "10", "1", "0.1");
    Trade s = sell("S", "2025-01-02T00:00:00Z", "12", "3", "0.3");
    LotMatcher matcher = LotMatcher.over(List.of(b, s).iterator(), FIFO);
    List<MatchEvent> events = new java.util.ArrayList<>();
    matcher.forEachRemaining(events::add);
    assertEquals(
        List.of(
            "S<-B size=1 buyFee=0.1 sellFee=0.1 cost=10.1 proceeds=11.9 pnl=1.8",
            "S unmatched size=2 sellFee=0.2 proceeds=23.8"),
        allocations(events));
    Allocation unmatched = (Allocation) events.get(1);
    assertNull(unmatched.buyOrderId());
    assertNull(unmatched.buyFeeShare());
    assertNull(unmatched.costBasis());
    assertNull(unmatched.pnl());
    assertNull(unmatched.holdingDays());
    assertNull(unmatched.term());
    assertEquals(1, matcher.summary().unmatchedSells());
    assertEquals(2, matcher.summary().allocations());
  }

  @Test
  void sellWithNoInventoryAtAllIsOneUnmatchedRowWithItsWholeFee() {
    Trade s = sell("S", "2025-01-02T00:00:00Z", "12", "3", "0.3");
    assertEquals(
        List.of("S unmatched size=3 sellFee=0.3 proceeds=35.7"), allocations(match(FIFO, s)));
  }

  @Test
  void lotFallingBelowDustIsClosedAsDustWithItsLeftoverCost() {
    Trade b = buy("B", "2025-01-01T00:00:00Z", "100", "1.000000005", "1");
    Trade s = sell("S", "2025-01-02T00:00:00Z", "100", "1", "0");
    List<MatchEvent> events = match(FIFO, b, s);
    // fee share 1 x 1 / 1.000000005, rounded; the lot is not fully consumed so no remainder
    assertEquals(
        List.of(
            "S<-B size=1 buyFee=0.999999995000000025 sellFee=0 cost=100.999999995000000025"
                + " proceeds=100 pnl=-0.999999995000000025"),
        allocations(events));
    // leftover cost: 100 x 0.000000005 + (1 - 0.999999995000000025)
    assertEquals(List.of("B dust size=0.000000005 cost=0.000000504999999975"), inventory(events));
  }

  @Test
  void sellRestBelowDustIsDustAndItsLastMatchedRowTakesTheWholeFee() {
    Trade b = buy("B", "2025-01-01T00:00:00Z", "100", "1", "0");
    Trade s = sell("S", "2025-01-02T00:00:00Z", "100", "1.000000005", "1");
    assertEquals(
        List.of("S<-B size=1 buyFee=0 sellFee=1 cost=100 proceeds=99 pnl=-1"),
        allocations(match(FIFO, b, s)));
  }

  @Test
  void dustThresholdIsStrict() {
    Trade b = buy("B", "2025-01-01T00:00:00Z", "100", "1.00000001", "0");
    Trade s = sell("S", "2025-01-02T00:00:00Z", "100", "1", "0");
    assertEquals(List.of("B open size=0.00000001 cost=0.000001"), inventory(match(FIFO, b, s)));
  }

  @Test
  void buySmallerThanDustIsDustFromTheStart() {
    Trade b = buy("B", "2025-01-01T00:00:00Z", "100", "0.000000001", "0");
    Trade s = sell("S", "2025-01-02T00:00:00Z", "100", "1", "0");
    List<MatchEvent> events = match(FIFO, b, s);
    assertEquals(List.of("B dust size=0.000000001 cost=0.0000001"), inventory(events));
    assertEquals(List.of("S unmatched size=1 sellFee=0 proceeds=100"), allocations(events));
  }

  @Test
  void buysComeBeforeSellsAtTheSameInstant() {
    Trade b = buy("Z-buy", "2025-01-01T00:00:00Z", "100", "1", "0");
    Trade s = sell("A-sell", "2025-01-01T00:00:00Z", "110", "1", "0");
    assertEquals(
        List.of("A-sell<-Z-buy size=1 buyFee=0 sellFee=0 cost=100 proceeds=110 pnl=10"),
        allocations(match(FIFO, b, s)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> match(FIFO, s, b));
    assertTrue(e.getMessage().contains("processing order"), e.getMessage());
  }

  @Test
  void rejectsInputThatGoesBackwardsOrRepeats() {
    assertThrows(IllegalArgumentException.class, () -> match(FIFO, B2, B1));
    assertThrows(IllegalArgumentException.class, () -> match(FIFO, B1, B1));
  }

  @Test
  void rejectsTradesOfAnotherSymbol() {
    Trade eth =
        Trade.of("E", "ETH-USD", Side.BUY, Instant.parse("2025-01-05T00:00:00Z"), "1", "1", "0");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> match(FIFO, B1, eth));
    assertTrue(e.getMessage().contains("ETH-USD"), e.getMessage());
  }

  @Test
  void amountsThatOverflowDecimal38x18RaiseArithmeticException() {
    Trade b = buy("B", "2025-01-01T00:00:00Z", "99999999999", "99999999999", "0");
    Trade s = sell("S", "2025-01-02T00:00:00Z", "1", "99999999999", "0");
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> match(FIFO, b, s));
    assertTrue(e.getMessage().contains("cost basis of S/B"), e.getMessage());
  }

  @Test
  void holdingDaysAndTermUseTheRulesZone() {
    // 2025-12-31 23:30 in Los Angeles is 2026-01-01 07:30 UTC
    Trade b = buy("B", "2024-12-31T12:00:00Z", "1", "1", "0");
    Trade s = sell("S", "2026-01-01T07:30:00Z", "1", "1", "0");
    MatchingRules utc = FIFO;
    MatchingRules la =
        new MatchingRules(
            MatchingMethod.FIFO, MatchingRules.DEFAULT_DUST, ZoneId.of("America/Los_Angeles"));
    Allocation inUtc = (Allocation) match(utc, b, s).get(0);
    Allocation inLa = (Allocation) match(la, b, s).get(0);
    assertEquals(366, inUtc.holdingDays());
    assertEquals(Term.LONG, inUtc.term());
    assertEquals(365, inLa.holdingDays()); // 2024-12-31 -> 2025-12-31 in LA
    assertEquals(Term.SHORT, inLa.term());
  }

  @Test
  void aLotBoughtUnderFifoIsSoldUnderHifoWithItsOriginalDateAndBasis() {
    MatchingRules schedule = FIFO.withSchedule(MethodSchedule.parse("fifo;2025=hifo"));
    Trade b1 = buy("B1", "2024-03-01T00:00:00Z", "100", "1", "1");
    Trade b2 = buy("B2", "2024-06-01T00:00:00Z", "200", "1", "2"); // unit cost 202
    Trade s1 = sell("S1", "2024-09-01T00:00:00Z", "150", "0.5", "0");
    Trade b3 = buy("B3", "2024-12-01T00:00:00Z", "150", "1", "0");
    Trade s2 = sell("S2", "2025-02-01T00:00:00Z", "300", "1.5", "0");
    List<MatchEvent> events = match(schedule, b1, b2, s1, b3, s2);
    assertEquals(
        List.of(
            // 2024, FIFO: the oldest lot, half of B1's fee
            "S1<-B1 size=0.5 buyFee=0.5 sellFee=0 cost=50.5 proceeds=75 pnl=24.5",
            // 2025, HIFO: B2 (unit cost 202) then B3 (150), not B1 (101) which FIFO would take
            "S2<-B2 size=1 buyFee=2 sellFee=0 cost=202 proceeds=300 pnl=98",
            "S2<-B3 size=0.5 buyFee=0 sellFee=0 cost=75 proceeds=150 pnl=75"),
        allocations(events));
    assertEquals(
        List.of("B1 open size=0.5 cost=50.5", "B3 open size=0.5 cost=75"), inventory(events));
    Allocation fromB2 = (Allocation) events.get(1);
    assertEquals(Instant.parse("2024-06-01T00:00:00Z"), fromB2.buyTime());
    assertEquals(245, fromB2.holdingDays());
    assertEquals(
        List.of(
            "S1<-B1 size=0.5 buyFee=0.5 sellFee=0 cost=50.5 proceeds=75 pnl=24.5",
            "S2<-B1 size=0.5 buyFee=0.5 sellFee=0 cost=50.5 proceeds=150 pnl=99.5",
            "S2<-B2 size=1 buyFee=2 sellFee=0 cost=202 proceeds=300 pnl=98"),
        allocations(match(FIFO, b1, b2, s1, b3, s2)));
  }

  @Test
  void aSellAt2330OnDecember31LocalUsesTheOldYearsMethodAndOneAt0030TheNewYears() {
    ZoneId newYork = ZoneId.of("America/New_York");
    MethodSchedule fifoThenLifo = MethodSchedule.parse("fifo;2026=lifo");
    MatchingRules local = new MatchingRules(fifoThenLifo, MatchingRules.DEFAULT_DUST, newYork);
    MatchingRules utc = FIFO.withSchedule(fifoThenLifo);
    Trade b1 = buy("B1", "2025-06-01T12:00:00Z", "100", "1", "0");
    Trade b2 = buy("B2", "2025-12-01T12:00:00Z", "110", "1", "0");
    Trade s1 = sell("S1", "2026-01-01T04:30:00Z", "120", "0.5", "0"); // Dec 31 23:30 New York
    Trade s2 = sell("S2", "2026-01-01T05:30:00Z", "120", "0.5", "0"); // Jan 1 00:30 New York
    assertEquals(
        List.of(
            "S1<-B1 size=0.5 buyFee=0 sellFee=0 cost=50 proceeds=60 pnl=10",
            "S2<-B2 size=0.5 buyFee=0 sellFee=0 cost=55 proceeds=60 pnl=5"),
        allocations(match(local, b1, b2, s1, s2)));
    // in UTC both sells fall on January 1, 2026: LIFO for both
    assertEquals(
        List.of(
            "S1<-B2 size=0.5 buyFee=0 sellFee=0 cost=55 proceeds=60 pnl=5",
            "S2<-B2 size=0.5 buyFee=0 sellFee=0 cost=55 proceeds=60 pnl=5"),
        allocations(match(utc, b1, b2, s1, s2)));
  }

  @Test
  void anAccountWithEntriesOfItsOwnFollowsThemAndOtherAccountsTheDefault() {
    MatchingRules schedule =
        FIFO.withSchedule(MethodSchedule.parse("fifo;kraken:lifo;kraken:2025=hifo"));
    Trade[] trades = {
      buy("B1", "2024-01-01T00:00:00Z", "100", "1", "0"),
      buy("B2", "2024-02-01T00:00:00Z", "120", "1", "0"),
      buy("B3", "2024-03-01T00:00:00Z", "110", "1", "0"),
      sell("S1", "2024-12-01T00:00:00Z", "130", "1", "0"),
      sell("S2", "2025-01-15T00:00:00Z", "130", "1", "0")
    };
    assertEquals(
        List.of(
            "S1<-B3 size=1 buyFee=0 sellFee=0 cost=110 proceeds=130 pnl=20", // 2024: LIFO
            "S2<-B2 size=1 buyFee=0 sellFee=0 cost=120 proceeds=130 pnl=10"), // 2025: HIFO
        allocations(match(schedule, inAccount("kraken", trades))));
    List<String> fifo =
        List.of(
            "S1<-B1 size=1 buyFee=0 sellFee=0 cost=100 proceeds=130 pnl=30",
            "S2<-B2 size=1 buyFee=0 sellFee=0 cost=120 proceeds=130 pnl=10");
    assertEquals(fifo, allocations(match(schedule, inAccount("coinbase", trades))));
    assertEquals(fifo, allocations(match(schedule, trades))); // no account: the default
  }

  private static Trade[] inAccount(String account, Trade... trades) {
    Trade[] moved = new Trade[trades.length];
    for (int i = 0; i < trades.length; i++) {
      Trade t = trades[i];
      moved[i] =
          new Trade(
              t.orderId(), account, t.symbol(), t.side(), t.time(), t.price(), t.size(), t.fees());
    }
    return moved;
  }

  @Test
  void matcherIsLazyAndHoldsOnlyWhatItNeeds() {
    Iterator<Trade> endless =
        new Iterator<>() {
          long i;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Trade next() {
            Instant t = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i);
            Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
            return Trade.of(String.format("%012d", i++), "BTC-USD", side, t, "1", "1", "0");
          }
        };
    LotMatcher matcher = LotMatcher.over(endless, FIFO);
    for (int n = 0; n < 1000; n++) {
      assertTrue(matcher.next() instanceof Allocation);
    }
    assertThrows(IllegalStateException.class, matcher::summary);
  }

  @Test
  void emptyInputYieldsNothing() {
    LotMatcher matcher = LotMatcher.over(List.<Trade>of().iterator(), FIFO);
    assertFalse(matcher.hasNext());
    assertThrows(NoSuchElementException.class, matcher::next);
    assertEquals(0, matcher.summary().allocations());
  }
}
