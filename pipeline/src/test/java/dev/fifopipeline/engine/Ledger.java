package dev.fifopipeline.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Test helpers: trades written as one-liners and events rendered as compact strings. */
final class Ledger {
  private Ledger() {}

  static Trade buy(String id, String time, String price, String size, String fees) {
    return Trade.of(id, "BTC-USD", Side.BUY, Instant.parse(time), price, size, fees);
  }

  static Trade sell(String id, String time, String price, String size, String fees) {
    return Trade.of(id, "BTC-USD", Side.SELL, Instant.parse(time), price, size, fees);
  }

  /** Matches {@code trades} eagerly. */
  static List<MatchEvent> matchAll(Iterable<Trade> trades, MatchingRules rules) {
    List<MatchEvent> events = new ArrayList<>();
    LotMatcher.over(trades.iterator(), rules).forEachRemaining(events::add);
    return events;
  }

  static List<MatchEvent> match(MatchingRules rules, Trade... trades) {
    return matchAll(List.of(trades), rules);
  }

  /** Allocations as {@code SELL<-BUY size=.. buyFee=.. sellFee=.. cost=.. proceeds=.. pnl=..}. */
  static List<String> allocations(List<MatchEvent> events) {
    List<String> rows = new ArrayList<>();
    for (MatchEvent event : events) {
      if (event instanceof Allocation a) {
        rows.add(
            a.matched()
                ? String.format(
                    "%s<-%s size=%s buyFee=%s sellFee=%s cost=%s proceeds=%s pnl=%s",
                    a.sellOrderId(),
                    a.buyOrderId(),
                    plain(a.size()),
                    plain(a.buyFeeShare()),
                    plain(a.sellFeeShare()),
                    plain(a.costBasis()),
                    plain(a.proceeds()),
                    plain(a.pnl()))
                : String.format(
                    "%s unmatched size=%s sellFee=%s proceeds=%s",
                    a.sellOrderId(),
                    plain(a.size()),
                    plain(a.sellFeeShare()),
                    plain(a.proceeds())));
      }
    }
    return rows;
  }

  /** Inventory as {@code BUY open|dust size=.. cost=..}. */
  static List<String> inventory(List<MatchEvent> events) {
    return events.stream()
        .filter(InventoryLot.class::isInstance)
        .map(InventoryLot.class::cast)
        .map(
            lot ->
                String.format(
                    "%s %s size=%s cost=%s",
                    lot.buyOrderId(),
                    lot.dust() ? "dust" : "open",
                    plain(lot.remainingSize()),
                    plain(lot.remainingCostBasis())))
        .collect(Collectors.toList());
  }

  static String plain(BigDecimal value) {
    return value == null ? "null" : value.stripTrailingZeros().toPlainString();
  }
}
