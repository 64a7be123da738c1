package dev.fifopipeline.engine;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Matches the sells of one (account, symbol) against its open buy lots, lazily.
 *
 * <p>Input: the trades of one account and symbol in {@link ProcessingOrder processing order}
 * ({@code order_time}, then buys before sells at the same instant, then {@code order_id}). The
 * matcher rejects input that goes backwards in that order, repeats a trade, or mixes accounts or
 * symbols, with an {@link IllegalArgumentException}.
 *
 * <p>Output: for each sell, its allocations as it is processed, followed by any lot the sell closed
 * as dust; after the last trade, the lots still open, in processing order. Memory is proportional
 * to the open lots, never to the number of trades.
 *
 * <p>Rules (the product contract, section 2):
 *
 * <ul>
 *   <li>A sell consumes open lots in the order of the {@link MatchingMethod} in force on its date
 *       (in the rules' zone) under the rules' {@link MethodSchedule} for the group's account; one
 *       sell may take from several lots, one lot may feed several sells. Lots keep their buy time,
 *       size left and fees left when the method changes.
 *   <li>A lot's cost basis carries its share of the buy's fees, and proceeds are reduced by the
 *       sell's fee share, both pro rata by size and rounded half-up at 18 decimal places. The last
 *       allocation of a sell, and of a fully consumed buy, takes the rounding remainder so that
 *       shares add up exactly to the fees.
 *   <li>A sell short of open inventory gets one unmatched allocation for the rest; a rest strictly
 *       below the dust threshold is dust instead (no row; the sell's last matched row takes its fee
 *       remainder).
 *   <li>An open lot whose remaining size falls strictly below the dust threshold (or a buy smaller
 *       than it) is closed as dust.
 * </ul>
 *
 * <p>An amount that would not fit {@code DECIMAL(38,18)} raises an {@link ArithmeticException}.
 */
public final class LotMatcher implements Iterator<MatchEvent> {
  private final Iterator<Trade> trades;
  private final MatchingRules rules;
  private final ArrayDeque<MatchEvent> pending = new ArrayDeque<>();

  private ScheduledLots lots; // made at the first trade, for its account's schedule

  private Trade previous;
  private boolean finished;
  private long sequence;
  private long buys;
  private long sells;
  private long allocations;
  private long unmatchedSells;
  private long dustLots;
  private long openLots;
  private BigDecimal totalPnl = Money.ZERO;

  private LotMatcher(Iterator<Trade> trades, MatchingRules rules) {
    this.trades = Objects.requireNonNull(trades, "trades");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /**
   * A matcher over the trades of one account and symbol, given in processing order.
   *
   * @param trades consumed lazily, as the caller pulls events
   * @param rules method, dust threshold and date zone
   */
  public static LotMatcher over(Iterator<Trade> trades, MatchingRules rules) {
    return new LotMatcher(trades, rules);
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty()) {
      if (trades.hasNext()) {
        process(trades.next());
      } else if (!finished) {
        finished = true;
        for (OpenLot lot : lots == null ? List.<OpenLot>of() : lots.drainInProcessingOrder()) {
          pending.add(inventory(lot, false));
          openLots++;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  @Override
  public MatchEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }

  /**
   * Counts of this run.
   *
   * @throws IllegalStateException before the matcher is exhausted
   */
  public MatchSummary summary() {
    if (!finished || !pending.isEmpty()) {
      throw new IllegalStateException("summary asked for before the matcher was exhausted");
    }
    return new MatchSummary(buys, sells, allocations, unmatchedSells, dustLots, openLots, totalPnl);
  }

  private void process(Trade trade) {
    checkOrder(trade);
    previous = trade;
    if (lots == null) {
      lots = new ScheduledLots(rules.schedule().timeline(trade.account()), rules.zone());
    }
    LotBook book = lots.at(trade.time());
    if (trade.isBuy()) {
      buys++;
      OpenLot lot = new OpenLot(trade, sequence++);
      if (rules.isDust(lot.remaining)) {
        closeAsDust(lot);
      } else {
        book.add(lot);
      }
    } else {
      sells++;
      sequence++;
      match(trade, book);
    }
  }

  private void checkOrder(Trade trade) {
    if (previous == null) {
      return;
    }
    if (!previous.symbol().equals(trade.symbol())
        || !Objects.equals(previous.account(), trade.account())) {
      throw new IllegalArgumentException(
          "one matcher takes one account and symbol, got " + key(previous) + " then " + key(trade));
    }
    if (ProcessingOrder.COMPARATOR.compare(previous, trade) >= 0) {
      throw new IllegalArgumentException(
          "trades must come in processing order (order_time, buys first, order_id): "
              + trade.orderId()
              + " at "
              + trade.time()
              + " came after "
              + previous.orderId()
              + " at "
              + previous.time());
    }
  }

  /** One consumption of a lot by the sell being matched. */
  private record Take(Trade buy, BigDecimal size, BigDecimal buyFeeShare) {}

  private void match(Trade sell, LotBook book) {
    BigDecimal rest = sell.size();
    List<Take> takes = new ArrayList<>();
    List<OpenLot> closedAsDust = new ArrayList<>();
    while (rest.signum() > 0) {
      OpenLot lot = book.peek();
      if (lot == null) {
        break;
      }
      BigDecimal size = rest.min(lot.remaining);
      BigDecimal lotLeft = lot.remaining.subtract(size);
      BigDecimal buyFeeShare;
      if (lotLeft.signum() == 0) {
        buyFeeShare = lot.feesLeft; // the fully consumed buy takes the rounding remainder
        book.removePeeked();
      } else {
        buyFeeShare = Money.proRata(lot.buy.fees(), size, lot.buy.size());
        if (rules.isDust(lotLeft)) {
          book.removePeeked();
          closedAsDust.add(lot);
        }
      }
      lot.remaining = lotLeft;
      lot.feesLeft = lot.feesLeft.subtract(buyFeeShare);
      takes.add(new Take(lot.buy, size, buyFeeShare));
      rest = rest.subtract(size);
    }

    boolean unmatchedRest = rest.signum() > 0 && !rules.isDust(rest);
    BigDecimal sellFeesLeft = sell.fees();
    for (int i = 0; i < takes.size(); i++) {
      Take take = takes.get(i);
      boolean lastOfSell = i == takes.size() - 1 && !unmatchedRest;
      BigDecimal sellFeeShare =
          lastOfSell ? sellFeesLeft : Money.proRata(sell.fees(), take.size, sell.size());
      sellFeesLeft = sellFeesLeft.subtract(sellFeeShare);
      pending.add(matched(sell, take, sellFeeShare));
    }
    if (unmatchedRest) {
      pending.add(unmatched(sell, rest, sellFeesLeft));
      unmatchedSells++;
    }
    for (OpenLot lot : closedAsDust) {
      closeAsDust(lot);
    }
  }

  private Allocation matched(Trade sell, Take take, BigDecimal sellFeeShare) {
    Trade buy = take.buy;
    String id = sell.orderId() + "/" + buy.orderId();
    BigDecimal buyFeeShare = Money.checked(take.buyFeeShare, "buy fee share of " + id);
    BigDecimal sellShare = Money.checked(sellFeeShare, "sell fee share of " + id);
    BigDecimal costBasis =
        Money.checked(
            Money.product(buy.price(), take.size).add(buyFeeShare), "cost basis of " + id);
    BigDecimal proceeds =
        Money.checked(
            Money.product(sell.price(), take.size).subtract(sellShare), "proceeds of " + id);
    BigDecimal pnl = Money.checked(proceeds.subtract(costBasis), "pnl of " + id);
    allocations++;
    totalPnl = totalPnl.add(pnl);
    return new Allocation(
        sell.account(),
        sell.symbol(),
        sell.orderId(),
        buy.orderId(),
        sell.time(),
        buy.time(),
        Money.scaled(take.size),
        Money.scaled(sell.price()),
        Money.scaled(buy.price()),
        buyFeeShare,
        sellShare,
        costBasis,
        proceeds,
        pnl,
        HoldingPeriod.days(buy.time(), sell.time(), rules.zone()),
        HoldingPeriod.term(buy.time(), sell.time(), rules.zone()));
  }

  private Allocation unmatched(Trade sell, BigDecimal rest, BigDecimal sellFeeShare) {
    String id = sell.orderId() + " (unmatched)";
    BigDecimal sellShare = Money.checked(sellFeeShare, "sell fee share of " + id);
    BigDecimal proceeds =
        Money.checked(Money.product(sell.price(), rest).subtract(sellShare), "proceeds of " + id);
    allocations++;
    return new Allocation(
        sell.account(),
        sell.symbol(),
        sell.orderId(),
        null,
        sell.time(),
        null,
        Money.scaled(rest),
        Money.scaled(sell.price()),
        null,
        null,
        sellShare,
        null,
        proceeds,
        null,
        null,
        null);
  }

  private void closeAsDust(OpenLot lot) {
    pending.add(inventory(lot, true));
    dustLots++;
  }

  private static InventoryLot inventory(OpenLot lot, boolean dust) {
    Trade buy = lot.buy;
    return new InventoryLot(
        buy.account(),
        buy.symbol(),
        buy.orderId(),
        buy.time(),
        Money.scaled(lot.remaining),
        Money.checked(lot.remainingCostBasis(), "remaining cost basis of " + buy.orderId()),
        dust);
  }

  private static String key(Trade trade) {
    return trade.account() == null ? trade.symbol() : trade.account() + "/" + trade.symbol();
  }
}
