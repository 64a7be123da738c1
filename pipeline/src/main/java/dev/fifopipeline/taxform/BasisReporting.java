package dev.fifopipeline.taxform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an account's exchange reported of a sale, which decides the Form 8949 box of its lots: a
 * Form 1099-B (before tax year 2025) or 1099-DA (from 2025) showing the basis was reported to the
 * IRS, one showing it was not, or no such form at all.
 */
public enum BasisReporting {
  REPORTED("reported"),
  NOT_REPORTED("not-reported"),
  NO_FORM("no-form");

  private final String setting;

  BasisReporting(String setting) {
    this.setting = setting;
  }

  /** The value in the configuration: {@code reported}, {@code not-reported}, {@code no-form}. */
  public String setting() {
    return setting;
  }

  /** The value named {@code text} (any case, surrounding blanks ignored), if any. */
  public static Optional<BasisReporting> parse(String text) {
    String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.setting.equals(wanted)).findFirst();
  }

  @Override
  public String toString() {
    return setting;
  }
}
