package dev.fifopipeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Properties over random ledgers: the invariants of the contract (section 5) hold for every method
 * and method schedule, each method and schedule agrees with a brute-force reference, and a schedule
 * that never changes method equals the plain method exactly. That arrival order never matters is a
 * property of ingest and allocate together, not of the matcher (which takes the ledger in
 * processing order): see AllocateJobTest and IncrementalEqualsFullTest.
 */
@Tag("unit")
class LotMatcherPropertiesTest {
  private static final int TRIES = 500;

  @Test
  void invariantsHold() {
    RandomLedger.forAll(
        "invariants",
        TRIES,
        random -> {
          MatchingRules rules = RandomLedger.rules(random);
          return new RandomLedger.Case(
              rules.toString(),
              RandomLedger.trades(random, null, "BTC-USD", 40),
              ledger -> checkInvariants(ledger, rules));
        });
  }

  @Test
  void agreesWithBruteForceReference() {
    RandomLedger.forAll(
        "brute-force reference",
        TRIES,
        random -> {
          MatchingRules rules = RandomLedger.rules(random);
          return new RandomLedger.Case(
              rules.toString(),
              RandomLedger.trades(random, null, "BTC-USD", 40),
              ledger ->
                  assertEquals(
                      sorted(BruteForce.match(ledger, rules)), sorted(engine(ledger, rules))));
        });
  }

  @Test
  void invariantsHoldUnderSchedules() {
    RandomLedger.forAll(
        "invariants under schedules",
        TRIES,
        random -> {
          MatchingRules rules = RandomLedger.scheduledRules(random);
          return new RandomLedger.Case(
              rules.toString(), yearsOfTrades(random), ledger -> checkInvariants(ledger, rules));
        });
  }

  @Test
  void schedulesAgreeWithBruteForceReferenceAtEachSellsDate() {
    RandomLedger.forAll(
        "brute-force reference under schedules",
        TRIES,
        random -> {
          MatchingRules rules = RandomLedger.scheduledRules(random);
          return new RandomLedger.Case(
              rules.toString(),
              yearsOfTrades(random),
              ledger ->
                  assertEquals(
                      sorted(BruteForce.match(ledger, rules)), sorted(engine(ledger, rules))));
        });
  }

  @Test
  void aOneEntryScheduleEqualsThePlainMethodExactly() {
    RandomLedger.forAll(
        "one-entry schedule",
        TRIES,
        random -> {
          MatchingRules plain = RandomLedger.rules(random);
          MatchingMethod method = plain.schedule().methodAt(null, Instant.EPOCH, ZoneOffset.UTC);
          // written as a user might: blanks, upper case; and with entries for another account
          MatchingRules oneEntry =
              plain.withSchedule(MethodSchedule.parse(" " + method.name() + " "));
          MatchingMethod other = MatchingMethod.values()[(method.ordinal() + 1) % 3];
          MatchingRules otherAccount =
              plain.withSchedule(
                  MethodSchedule.parse(
                      method.label()
                          + ";other:"
                          + other.label()
                          + ";other:2025="
                          + method.label()));
          String account = random.nextBoolean() ? null : "a";
          return new RandomLedger.Case(
              plain + " vs " + oneEntry + " and " + otherAccount,
              yearsOfTrades(random, account),
              ledger -> {
                List<MatchEvent> expected = Ledger.matchAll(ledger, plain);
                assertEquals(expected, Ledger.matchAll(ledger, oneEntry));
                assertEquals(expected, Ledger.matchAll(ledger, otherAccount));
                assertEquals(plain.schedule().label(), oneEntry.schedule().label());
              });
        });
  }

  @Test
  void aScheduleWhoseChangesComeAfterTheLedgerEqualsItsFirstMethodExactly() {
    RandomLedger.forAll(
        "changes after the ledger",
        TRIES,
        random -> {
          MatchingRules plain = RandomLedger.rules(random);
          MatchingMethod method = plain.schedule().methodAt(null, Instant.EPOCH, ZoneOffset.UTC);
          MatchingMethod other = MatchingMethod.values()[(method.ordinal() + 1) % 3];
          MatchingRules later =
              plain.withSchedule(MethodSchedule.parse(method.label() + ";2031=" + other.label()));
          return new RandomLedger.Case(
              later.toString(),
              yearsOfTrades(random),
              ledger ->
                  assertEquals(Ledger.matchAll(ledger, plain), Ledger.matchAll(ledger, later)));
        });
  }

  /** Trades from late 2023 to early 2028, some near a year's end, of account a or none. */
  private static List<Trade> yearsOfTrades(Random random) {
    return yearsOfTrades(random, random.nextBoolean() ? null : "a");
  }

  private static List<Trade> yearsOfTrades(Random random, String account) {
    Instant start = Instant.parse("2023-12-31T06:00:00Z");
    long step = 40L * 86_400 + 5 * 3_600; // 40 days 5 hours: every hour of the day comes up
    return RandomLedger.trades(random, account, "BTC-USD", 40, start, step);
  }

  private static void checkInvariants(List<Trade> ledger, MatchingRules rules) {
    Outcome outcome = Outcome.of(Ledger.matchAll(ledger, rules));
    Map<String, Trade> byId = ledger.stream().collect(Collectors.toMap(Trade::orderId, t -> t));

    for (Trade trade : ledger) {
      List<Allocation> rows =
          trade.isBuy() ? outcome.byBuy(trade.orderId()) : outcome.bySell(trade.orderId());
      BigDecimal allocated = sum(rows, Allocation::size);
      if (trade.isBuy()) {
        // 2. allocated + open + dust = size, allocated never above size
        InventoryLot left = outcome.inventory.get(trade.orderId());
        BigDecimal remaining = left == null ? BigDecimal.ZERO : left.remainingSize();
        assertEquals(0, allocated.add(remaining).compareTo(trade.size()), trade.orderId());
        BigDecimal feeShares = sum(rows, Allocation::buyFeeShare);
        BigDecimal feesLeft =
            left == null
                ? BigDecimal.ZERO
                : left.remainingCostBasis().subtract(Money.product(trade.price(), remaining));
        assertEquals(0, feeShares.add(feesLeft).compareTo(trade.fees()), "buy fees " + trade);
        assertAllButOneProRata(rows, Allocation::buyFeeShare, trade);
      } else {
        // 1. matched + unmatched + dust = size; a dust rest is strictly below the threshold
        BigDecimal rest = trade.size().subtract(allocated);
        assertTrue(rest.signum() >= 0, "over-allocated sell " + trade.orderId());
        assertTrue(
            rest.signum() == 0 || rest.compareTo(rules.dust()) < 0,
            "sell " + trade.orderId() + " rest " + rest);
        if (!rows.isEmpty()) {
          assertEquals(0, sum(rows, Allocation::sellFeeShare).compareTo(trade.fees()), "sell fees");
        }
        assertAllButOneProRata(rows, Allocation::sellFeeShare, trade);
        assertTrue(rows.stream().filter(a -> !a.matched()).count() <= 1);
      }
    }
    for (Allocation a : outcome.allocations) {
      Trade sell = byId.get(a.sellOrderId());
      // 5. amounts follow the fee and pnl rules to the last decimal
      assertEquals(Money.product(sell.price(), a.size()).subtract(a.sellFeeShare()), a.proceeds());
      if (a.matched()) {
        Trade buy = byId.get(a.buyOrderId());
        // 3. never a buy that comes after the sell
        assertTrue(ProcessingOrder.COMPARATOR.compare(buy, sell) < 0, a.toString());
        assertEquals(Money.product(buy.price(), a.size()).add(a.buyFeeShare()), a.costBasis());
        assertEquals(a.proceeds().subtract(a.costBasis()), a.pnl());
        assertTrue(a.buyFeeShare().signum() >= 0 && a.sellFeeShare().signum() >= 0);
      }
    }
    // 4. no allocation duplicated
    assertEquals(
        outcome.allocations.size(),
        outcome.allocations.stream()
            .map(a -> a.sellOrderId() + "/" + a.buyOrderId())
            .distinct()
            .count());
  }

  private static List<String> engine(List<Trade> ledger, MatchingRules rules) {
    List<String> rows = new ArrayList<>();
    for (MatchEvent event : Ledger.matchAll(ledger, rules)) {
      if (event instanceof Allocation a) {
        rows.add(a.sellOrderId() + "<-" + a.buyOrderId() + " " + Ledger.plain(a.size()));
      } else if (event instanceof InventoryLot lot) {
        rows.add(
            lot.buyOrderId()
                + (lot.dust() ? " dust " : " open ")
                + Ledger.plain(lot.remainingSize()));
      }
    }
    return rows;
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    Collections.sort(copy);
    return copy;
  }

  private static void assertAllButOneProRata(
      List<Allocation> rows, java.util.function.Function<Allocation, BigDecimal> share, Trade t) {
    long off =
        rows.stream()
            .filter(a -> share.apply(a) != null)
            .filter(a -> share.apply(a).compareTo(Money.proRata(t.fees(), a.size(), t.size())) != 0)
            .count();
    assertTrue(off <= 1, off + " fee shares of " + t.orderId() + " are not pro rata");
  }

  private static BigDecimal sum(
      List<Allocation> rows, java.util.function.Function<Allocation, BigDecimal> field) {
    return rows.stream()
        .map(field)
        .filter(java.util.Objects::nonNull)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The matcher's output indexed for the checks. */
  private record Outcome(List<Allocation> allocations, Map<String, InventoryLot> inventory) {
    static Outcome of(List<MatchEvent> events) {
      List<Allocation> allocations = new ArrayList<>();
      Map<String, InventoryLot> inventory = new HashMap<>();
      for (MatchEvent event : events) {
        if (event instanceof Allocation a) {
          allocations.add(a);
        } else if (event instanceof InventoryLot lot) {
          inventory.put(lot.buyOrderId(), lot);
        }
      }
      return new Outcome(allocations, inventory);
    }

    List<Allocation> bySell(String id) {
      return allocations.stream().filter(a -> a.sellOrderId().equals(id)).toList();
    }

    List<Allocation> byBuy(String id) {
      return allocations.stream().filter(a -> id.equals(a.buyOrderId())).toList();
    }
  }

  /**
   * The simplest possible statement of the rules: every sell scans all earlier buys and picks the
   * best one with size left by the criterion of the method in force on the sell's date, one unit of
   * choice at a time.
   */
  private static final class BruteForce {
    static List<String> match(List<Trade> ledger, MatchingRules rules) {
      List<Trade> buys = new ArrayList<>();
      Map<String, BigDecimal> left = new HashMap<>();
      List<String> out = new ArrayList<>();
      for (Trade t : ledger) {
        if (t.isBuy()) {
          buys.add(t);
          if (t.size().compareTo(rules.dust()) < 0) {
            out.add(t.orderId() + " dust " + Ledger.plain(t.size()));
            left.put(t.orderId(), BigDecimal.ZERO);
          } else {
            left.put(t.orderId(), t.size());
          }
          continue;
        }
        BigDecimal need = t.size();
        MatchingMethod method = rules.schedule().methodAt(t.account(), t.time(), rules.zone());
        while (need.signum() > 0) {
          Trade best = null;
          for (Trade b : buys) {
            if (left.get(b.orderId()).signum() > 0 && (best == null || better(b, best, method))) {
              best = b;
            }
          }
          if (best == null) {
            break;
          }
          BigDecimal q = need.min(left.get(best.orderId()));
          BigDecimal rest = left.get(best.orderId()).subtract(q);
          out.add(t.orderId() + "<-" + best.orderId() + " " + Ledger.plain(q));
          if (rest.signum() > 0 && rest.compareTo(rules.dust()) < 0) {
            out.add(best.orderId() + " dust " + Ledger.plain(rest));
            rest = BigDecimal.ZERO;
          }
          left.put(best.orderId(), rest);
          need = need.subtract(q);
        }
        if (need.signum() > 0 && need.compareTo(rules.dust()) >= 0) {
          out.add(t.orderId() + "<-null " + Ledger.plain(need));
        }
      }
      for (Trade b : buys) {
        if (left.get(b.orderId()).signum() > 0) {
          out.add(b.orderId() + " open " + Ledger.plain(left.get(b.orderId())));
        }
      }
      return out;
    }

    /** Whether {@code a} goes before {@code b}; both are earlier buys in processing order. */
    private static boolean better(Trade a, Trade b, MatchingMethod method) {
      int order = ProcessingOrder.COMPARATOR.compare(a, b);
      return switch (method) {
        case FIFO -> order < 0;
        case LIFO -> order > 0;
        case HIFO -> {
          int cost = unitCost(a).compareTo(unitCost(b));
          yield cost > 0 || (cost == 0 && order < 0);
        }
      };
    }

    private static BigDecimal unitCost(Trade t) {
      return t.price().multiply(t.size()).add(t.fees()).divide(t.size(), new MathContext(80));
    }
  }
}
