package dev.fifopipeline.report.html;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * One line of Form 8949 as printed, columns (a) to (h).
 *
 * @param line number within the box, from 1
 * @param description (a)
 * @param acquired (b), as {@link #date} prints it, or {@code VARIOUS}
 * @param sold (c), likewise
 * @param proceeds (d), whole cents
 * @param costBasis (e), whole cents
 * @param code (f), or null
 * @param adjustment (g), whole cents, or null when there is none
 * @param gain (h), whole cents
 */
public record FormLine(
    long line,
    String description,
    String acquired,
    String sold,
    BigDecimal proceeds,
    BigDecimal costBasis,
    String code,
    BigDecimal adjustment,
    BigDecimal gain) {

  /** What the form's summary lines put in columns (b) and (c). */
  public static final String VARIOUS = "VARIOUS";

  private static final DateTimeFormatter FORM_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  /** A date as the form wants it (Mo., day, yr.): {@code 09/12/2025}; empty for null. */
  public static String date(LocalDate date) {
    return date == null ? "" : FORM_DATE.format(date);
  }
}
