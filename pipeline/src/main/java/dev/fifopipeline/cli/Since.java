package dev.fifopipeline.cli;

import dev.fifopipeline.error.Errors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses --since: 'N minutes ago', 'N hours ago', 'N days ago', or an ISO time (UTC if no offset).
 */
final class Since {
  private static final Pattern RELATIVE =
      Pattern.compile("^(\\d+)\\s*(minute|min|hour|day)s?\\s+ago$", Pattern.CASE_INSENSITIVE);

  private Since() {}

  /**
   * @throws dev.fifopipeline.error.PipelineException (usage) for anything else; never a silent
   *     fall-back to a full run
   */
  static Instant parse(String text, Clock clock) {
    String value = text.strip();
    Matcher m = RELATIVE.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "minute", "min" -> Duration.ofMinutes(n);
            case "hour" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return clock.instant().minus(d);
    }
    String iso = value.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      // try the forms without an offset
    }
    try {
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw Errors.badSince(text);
    }
  }
}
