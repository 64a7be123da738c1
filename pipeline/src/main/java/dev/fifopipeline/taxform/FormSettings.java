package dev.fifopipeline.taxform;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How {@code report tax --year Y} fills Form 8949 (the {@code tax.form-8949} settings).
 *
 * @param byDefault what the exchange reported for an account not in {@code accounts}, and for a
 *     ledger without accounts
 * @param accounts per account name (as in the ledger's {@code account} column)
 * @param summaryLines one summary line per box on the form (code M, "see attached statement"), the
 *     lots then being the attached statement; otherwise one line per lot
 */
public record FormSettings(
    BasisReporting byDefault, Map<String, BasisReporting> accounts, boolean summaryLines) {

  /** reference.conf's: {@code no-form} for every account, one line per lot. */
  public static final FormSettings DEFAULT =
      new FormSettings(BasisReporting.NO_FORM, Map.of(), false);

  public FormSettings {
    Objects.requireNonNull(byDefault, "byDefault");
    accounts = Map.copyOf(accounts);
  }

  /** What was reported for {@code account} (null: a ledger without accounts). */
  public BasisReporting reporting(String account) {
    return account == null ? byDefault : accounts.getOrDefault(account, byDefault);
  }

  /** {@code default no-form; kraken reported}: the settings in force, for the command's output. */
  public String describe() {
    StringBuilder text = new StringBuilder("default " + byDefault);
    new TreeMap<>(accounts).forEach((a, r) -> text.append("; ").append(a).append(' ').append(r));
    return text.toString();
  }
}
