package dev.fifopipeline.report.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Base64;
import java.util.Locale;

/** Escaping and number formats of the page: money in dollars and cents, half-up. */
final class Html {
  private Html() {}

  /** {@code text} safe inside HTML text and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code -$1,234.57} for -1234.565 USD, {@code -1,234.57 USDT} in another quote currency: cents,
   * half-up, thousands grouped; a dash for null.
   */
  static String money(BigDecimal value, String quote) {
    if (value == null) {
      return "&ndash;";
    }
    BigDecimal cents = value.setScale(2, RoundingMode.HALF_UP);
    String digits = grouped("#,##0.00").format(cents.abs());
    if ("USD".equals(quote)) {
      return (cents.signum() < 0 ? "-$" : "$") + digits;
    }
    return (cents.signum() < 0 ? "-" : "") + digits + "&nbsp;" + escape(quote);
  }

  /** {@link #money} in a span coloured by sign. */
  static String signedMoney(BigDecimal value, String quote) {
    if (value == null) {
      return money(null, quote);
    }
    int sign = value.setScale(2, RoundingMode.HALF_UP).signum();
    return "<span class=\""
        + (sign > 0 ? "gain" : sign < 0 ? "loss" : "flat")
        + "\">"
        + money(value, quote)
        + "</span>";
  }

  /** A fraction as a percentage with one decimal, half-up: {@code 41.7%}; a dash for null. */
  static String percent(BigDecimal fraction) {
    if (fraction == null) {
      return "&ndash;";
    }
    return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  /** A ratio with two decimals, half-up; a dash for null. */
  static String ratio(BigDecimal value) {
    return value == null ? "&ndash;" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** A quantity exactly, without trailing zeros. */
  static String quantity(BigDecimal value) {
    if (value == null) {
      return "&ndash;";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }

  /** A count with thousands grouped. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** An embedded PNG image. */
  static String image(byte[] png, String alt) {
    return "<img alt=\""
        + escape(alt)
        + "\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png)
        + "\">";
  }

  private static DecimalFormat grouped(String pattern) {
    DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format;
  }
}
