package dev.fifopipeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class HoldingPeriodTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  @ParameterizedTest(name = "bought {0}, sold {1}: {2} days, {3}")
  @CsvSource({
    "2024-01-10T10:00:00Z, 2024-01-10T23:00:00Z,   0, SHORT",
    "2024-01-10T10:00:00Z, 2025-01-10T10:00:00Z, 366, SHORT", // the anniversary itself
    "2024-01-10T10:00:00Z, 2025-01-11T00:00:00Z, 367, LONG",
    "2024-02-29T12:00:00Z, 2025-02-28T12:00:00Z, 365, SHORT", // Feb 29's anniversary is Feb 28
    "2024-02-29T12:00:00Z, 2025-03-01T00:00:00Z, 366, LONG",
    "2023-03-01T00:00:00Z, 2024-03-01T00:00:00Z, 366, SHORT",
    "2023-03-01T00:00:00Z, 2024-03-02T00:00:00Z, 367, LONG",
  })
  void daysAndTermOnUtcDates(String buy, String sell, int days, Term term) {
    Instant b = Instant.parse(buy);
    Instant s = Instant.parse(sell);
    assertEquals(days, HoldingPeriod.days(b, s, UTC));
    assertEquals(term, HoldingPeriod.term(b, s, UTC));
  }
}
