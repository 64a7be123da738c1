package dev.fifopipeline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The text form of method schedules, what it means, and what it refuses. */
@Tag("unit")
class MethodScheduleTest {

  @Test
  void aPlainScheduleIsLabelledByItsMethod() {
    MethodSchedule plain = MethodSchedule.parse(" HIFO ");
    assertTrue(plain.isPlain());
    assertEquals("hifo", plain.label());
    assertEquals(MethodSchedule.of(MatchingMethod.HIFO), plain);
  }

  @Test
  void theLabelIsCanonicalAndParsesBackToAnEqualSchedule() {
    MethodSchedule schedule =
        MethodSchedule.parse("Kraken: LIFO ; fifo; 2025 = hifo; Kraken:2026=fifo;a:b:hifo");
    assertFalse(schedule.isPlain());
    assertEquals("fifo;2025=hifo;Kraken:lifo;Kraken:2026=fifo;a:b:hifo", schedule.label());
    assertEquals(schedule, MethodSchedule.parse(schedule.label()));
  }

  @Test
  void theMethodInForceFollowsTheYearInTheZoneAndTheAccount() {
    MethodSchedule schedule = MethodSchedule.parse("fifo;2025=hifo;2027=lifo;kraken:lifo");
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    Instant lastUtcMinuteOf2024 = Instant.parse("2024-12-31T23:59:00Z");
    assertEquals(MatchingMethod.FIFO, schedule.methodAt(null, lastUtcMinuteOf2024, ZoneOffset.UTC));
    assertEquals(MatchingMethod.HIFO, schedule.methodAt(null, lastUtcMinuteOf2024, tokyo));
    assertEquals(
        MatchingMethod.HIFO,
        schedule.methodAt("coinbase", Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    assertEquals(
        MatchingMethod.LIFO,
        schedule.methodAt(null, Instant.parse("2030-06-01T00:00:00Z"), ZoneOffset.UTC));
    assertEquals(
        MatchingMethod.LIFO,
        schedule.methodAt("kraken", Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void malformedSchedulesSayWhichEntryIsWrongAndWhy() {
    assertRefused("", "it is empty");
    assertRefused("fifo;;2025=hifo", "it has an empty entry");
    assertRefused("2025=hifo", "the default schedule starts with a year ('2025=hifo')");
    assertRefused("kraken:lifo", "it has no entry without an account (the default method)");
    assertRefused("fifo;kraken:2025=lifo", "account kraken's schedule starts with a year");
    assertRefused("fifo;lifo", "the default schedule has a second entry without a year ('lifo')");
    assertRefused("fifo;2026=hifo;2025=lifo", "the default schedule has year 2025 after 2026");
    assertRefused("fifo;2025=fifo", "the default schedule changes to fifo in 2025");
    assertRefused("fifo;25=hifo", "entry '25=hifo' is not [ACCOUNT:][YEAR=]METHOD");
    assertRefused("fifo;2025=avco", "matching method must be one of fifo, lifo, hifo, not 'avco'");
    assertRefused("fifo;:lifo", "entry ':lifo' has no account before ':'");
  }

  private static void assertRefused(String text, String start) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MethodSchedule.parse(text));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
