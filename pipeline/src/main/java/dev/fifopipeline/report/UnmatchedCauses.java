package dev.fifopipeline.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The likely causes of one unmatched sell, from the evidence {@link UnmatchedHunt} gathered: one
 * actionable line per cause, or one {@code no_evidence} line when nothing points anywhere. Plain
 * Java: sizes are base units, exact {@code BigDecimal}s printed without trailing zeros; times are
 * printed ISO-8601 in UTC.
 */
final class UnmatchedCauses {
  /** An unmatched rest within this many times {@code matching.dust} counts as rounding dust. */
  static final BigDecimal DUST_MULTIPLE = BigDecimal.TEN;

  /** A sell's unmatched rest; {@code account} null in a ledger without accounts. */
  record Sell(String account, String symbol, String orderId, Instant time, BigDecimal size) {}

  /** The latest buy before the sell, of at least its unmatched size, in another account. */
  record OtherAccountBuy(String account, String orderId, Instant time, BigDecimal size) {}

  /** The latest buy fill before the sell the exchange export has and the ledger lacks. */
  record MissingFill(String key, Instant time, BigDecimal size, long fills) {}

  /** The latest lot of the sell's account and symbol bought before it and closed as dust. */
  record DustLot(String buyOrderId, Instant buyTime, BigDecimal remaining) {}

  /** The buys before the sell under a symbol that names the same assets. */
  record AliasBuys(String symbol, long buys, BigDecimal size) {}

  /**
   * What was found for one sell; null (or empty) where nothing was found. {@code fillsFile} is the
   * export compared, null when none was given.
   */
  record Evidence(
      OtherAccountBuy otherAccount,
      MissingFill missingFill,
      DustLot dustLot,
      List<AliasBuys> aliases,
      String fillsFile) {}

  /** A likely cause: its kind and the line saying the evidence and what to do. */
  record Cause(String cause, String action) {}

  private final int version;
  private final BigDecimal dust;

  /**
   * @param version the allocation version, named in the commands the lines suggest
   * @param dust the version's {@code matching.dust}, base units (0: dust disabled)
   */
  UnmatchedCauses(int version, BigDecimal dust) {
    this.version = version;
    this.dust = dust;
  }

  /** The causes of {@code sell}, in a fixed order: account, fill, dust, alias; never empty. */
  List<Cause> of(Sell sell, Evidence evidence) {
    List<Cause> causes = new ArrayList<>();
    String again = "then allocate --version " + version + " --force";
    OtherAccountBuy other = evidence.otherAccount();
    if (other != null) {
      causes.add(
          new Cause(
              "per_account_scope",
              String.format(
                  "buy %s of %s %s at %s is in account %s, and lots are kept per account: if"
                      + " the coins moved to %s, add the transfer in to the ledger (a buy in %s"
                      + " at the original date and cost), %s",
                  other.orderId(),
                  plain(other.size()),
                  sell.symbol(),
                  other.time(),
                  name(other.account()),
                  name(sell.account()),
                  name(sell.account()),
                  again)));
    }
    MissingFill fill = evidence.missingFill();
    if (fill != null) {
      causes.add(
          new Cause(
              "missing_fill",
              String.format(
                  "the exchange export has a buy of %s %s at %s (%s) the ledger lacks (%d such"
                      + " fills before the sell): reconcile --fills %s --auto-backfill appends"
                      + " them, %s",
                  plain(fill.size()),
                  sell.symbol(),
                  fill.time(),
                  fill.key(),
                  fill.fills(),
                  evidence.fillsFile(),
                  again)));
    }
    if (dust.signum() > 0 && sell.size().compareTo(dust.multiply(DUST_MULTIPLE)) <= 0) {
      DustLot lot = evidence.dustLot();
      causes.add(
          new Cause(
              "dust",
              String.format(
                  "the unmatched %s is within %sx matching.dust %s%s: sizes rounded differently"
                      + " by the bot and the exchange; fix the sizes in the source, or set"
                      + " matching.dust above %s and allocate --version %d --force",
                  plain(sell.size()),
                  DUST_MULTIPLE,
                  plain(dust),
                  lot == null
                      ? ""
                      : String.format(
                          " and lot %s (bought %s) was closed as dust with %s left",
                          lot.buyOrderId(), lot.buyTime(), plain(lot.remaining())),
                  plain(sell.size()),
                  version)));
    }
    for (AliasBuys alias : evidence.aliases()) {
      causes.add(
          new Cause(
              "symbol_alias",
              String.format(
                  "%s names the same assets as %s and has %d buys of %s before the sell, but"
                      + " ingest keeps them apart (it unifies only case and / or _): write %s as"
                      + " %s in the source, ingest, %s",
                  alias.symbol(),
                  sell.symbol(),
                  alias.buys(),
                  plain(alias.size()),
                  alias.symbol(),
                  sell.symbol(),
                  again)));
    }
    if (causes.isEmpty()) {
      causes.add(
          new Cause(
              "no_evidence",
              String.format(
                  "no evidence found in the ledger%s: a buy of at least %s %s%s before %s is"
                      + " missing (a trade before the ledger starts, a transfer in, a buy"
                      + " quarantined at ingest): import it, or compare with the exchange"
                      + " (report unmatched --fills FILE, reconcile --fills FILE)",
                  evidence.fillsFile() == null ? "" : " or the fills export",
                  plain(sell.size()),
                  sell.symbol(),
                  sell.account() == null ? "" : " in account " + sell.account(),
                  sell.time())));
    }
    return causes;
  }

  private static String name(String account) {
    return account == null ? "(no account)" : account;
  }

  static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
