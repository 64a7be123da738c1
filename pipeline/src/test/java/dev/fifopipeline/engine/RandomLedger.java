package dev.fifopipeline.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Seeded random ledgers for property tests, and a runner that shrinks a failing ledger (drops
 * trades while the property still fails) before reporting it with its seed.
 */
public final class RandomLedger {
  private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

  private RandomLedger() {}

  /** One generated case: a ledger and the check to run on it (or on a shrunk copy). */
  public record Case(String description, List<Trade> ledger, Consumer<List<Trade>> check) {}

  /**
   * Up to {@code maxTrades} trades of {@code symbol} (and {@code account}, may be null) over about
   * 40 minutes, so equal times are common; prices with 2-8 decimals, often repeated, sizes with
   * 0-10 decimals (some below the default dust threshold), fees often zero. Ids are unique within
   * the symbol. Returned in processing order.
   */
  public static List<Trade> trades(Random random, String account, String symbol, int maxTrades) {
    return trades(random, account, symbol, maxTrades, START, 60);
  }

  /**
   * Like {@link #trades(Random, String, String, int)}, at one of 41 times {@code start + k x
   * stepSeconds}: with a step of months, a ledger spans several years.
   */
  public static List<Trade> trades(
      Random random,
      String account,
      String symbol,
      int maxTrades,
      Instant start,
      long stepSeconds) {
    int n = random.nextInt(maxTrades + 1);
    List<Trade> trades = new ArrayList<>(n);
    List<BigDecimal> prices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Side side = random.nextInt(100) < 55 ? Side.BUY : Side.SELL;
      Instant time = start.plusSeconds(stepSeconds * random.nextInt(41));
      // bots trade at repeated prices: reuse one often, so HIFO meets equal unit costs
      BigDecimal price =
          !prices.isEmpty() && random.nextInt(100) < 40
              ? prices.get(random.nextInt(prices.size()))
              : decimal(random, new BigDecimal("0.01"), 90_000, 2 + random.nextInt(7));
      prices.add(price);
      int sizeScale = random.nextInt(11);
      BigDecimal size = decimal(random, BigDecimal.ONE.movePointLeft(sizeScale), 40, sizeScale);
      BigDecimal fees =
          random.nextInt(3) == 0 ? BigDecimal.ZERO : decimal(random, BigDecimal.ZERO, 25, 6);
      String id = symbol + "-" + (account == null ? "" : account + "-") + String.format("%03d", i);
      trades.add(new Trade(id, account, symbol, side, time, price, size, fees));
    }
    trades.sort(ProcessingOrder.COMPARATOR);
    return trades;
  }

  /** Any method, with a dust threshold of 0, 1e-8, 0.01 or 0.5; dates in UTC. */
  public static MatchingRules rules(Random random) {
    MatchingMethod method = MatchingMethod.values()[random.nextInt(3)];
    BigDecimal[] dusts = {
      BigDecimal.ZERO, MatchingRules.DEFAULT_DUST, new BigDecimal("0.01"), new BigDecimal("0.5")
    };
    return new MatchingRules(method, dusts[random.nextInt(dusts.length)], ZoneId.of("UTC"));
  }

  /**
   * A random method schedule over the years 2024 to 2027: a first method, up to three changes, and
   * sometimes entries of their own for account {@code a}; dust as in {@link #rules(Random)}, years
   * in UTC, Los Angeles or Tokyo.
   */
  public static MatchingRules scheduledRules(Random random) {
    StringBuilder text = new StringBuilder(timeline(random, ""));
    if (random.nextBoolean()) {
      text.append(';').append(timeline(random, "a:"));
    }
    String[] zones = {"UTC", "America/Los_Angeles", "Asia/Tokyo"};
    return new MatchingRules(
        MethodSchedule.parse(text.toString()),
        rules(random).dust(),
        ZoneId.of(zones[random.nextInt(zones.length)]));
  }

  private static String timeline(Random random, String prefix) {
    MatchingMethod method = MatchingMethod.values()[random.nextInt(3)];
    StringBuilder text = new StringBuilder(prefix).append(method.label());
    int year = 2023;
    for (int changes = random.nextInt(4); changes > 0; changes--) {
      year += 1 + random.nextInt(2);
      MatchingMethod next = MatchingMethod.values()[(method.ordinal() + 1 + random.nextInt(2)) % 3];
      text.append(';').append(prefix).append(year).append('=').append(next.label());
      method = next;
    }
    return text.toString();
  }

  /**
   * Runs {@code tries} cases made from seeds {@code 0..tries-1}; the first failure is shrunk and
   * rethrown with its seed, description and the smallest failing ledger found.
   */
  public static void forAll(String property, int tries, Function<Random, Case> cases) {
    for (long seed = 0; seed < tries; seed++) {
      Case c = cases.apply(new Random(seed));
      AssertionError failure = failure(c.check(), c.ledger());
      if (failure != null) {
        List<Trade> smallest = shrink(c.check(), c.ledger());
        AssertionError reported = failure(c.check(), smallest);
        throw new AssertionError(
            String.format(
                "%s fails for seed %d (%s): %s%nsmallest failing ledger (%d of %d trades):%n%s",
                property,
                seed,
                c.description(),
                reported.getMessage(),
                smallest.size(),
                c.ledger().size(),
                smallest.stream().map(RandomLedger::line).collect(Collectors.joining("\n"))),
            failure);
      }
    }
  }

  private static List<Trade> shrink(Consumer<List<Trade>> check, List<Trade> ledger) {
    List<Trade> current = ledger;
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int i = 0; i < current.size(); i++) {
        List<Trade> smaller = new ArrayList<>(current);
        smaller.remove(i);
        if (failure(check, smaller) != null) {
          current = smaller;
          progress = true;
          break;
        }
      }
    }
    return current;
  }

  private static AssertionError failure(Consumer<List<Trade>> check, List<Trade> ledger) {
    try {
      check.accept(ledger);
      return null;
    } catch (AssertionError e) {
      return e;
    }
  }

  private static String line(Trade t) {
    return String.join(
        " ",
        t.orderId(),
        t.side().label(),
        t.time().toString(),
        t.price().toPlainString(),
        t.size().toPlainString(),
        t.fees().toPlainString());
  }

  private static BigDecimal decimal(Random random, BigDecimal min, int max, int scale) {
    BigDecimal span = BigDecimal.valueOf(max).subtract(min);
    BigDecimal value = min.add(span.multiply(BigDecimal.valueOf(random.nextDouble())));
    value = value.setScale(scale, java.math.RoundingMode.DOWN);
    return value.compareTo(min) < 0 ? min.setScale(scale, java.math.RoundingMode.UP) : value;
  }
}
