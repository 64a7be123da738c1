package dev.fifopipeline.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The open lots of one (account, symbol) under a {@link MethodSchedule}: a {@link LotBook} ordered
 * for the method in force. When a trade's date (in the rules' zone) falls in a year with another
 * method, the lots move unchanged (time, size left, fees left, processing position) into a book
 * ordered for that method. A plain schedule never moves them.
 */
final class ScheduledLots {
  private final MethodTimeline timeline;
  private final ZoneId zone;
  private LotBook book;

  /** Before this instant the method in force stays that of {@link #book}; null: forever. */
  private Instant nextChange;

  ScheduledLots(MethodTimeline timeline, ZoneId zone) {
    this.timeline = timeline;
    this.zone = zone;
  }

  /**
   * The book ordered for the method in force at {@code time}; times must not go backwards between
   * calls.
   */
  LotBook at(Instant time) {
    if (book != null && (nextChange == null || time.isBefore(nextChange))) {
      return book;
    }
    int year = HoldingPeriod.date(time, zone).getYear();
    MatchingMethod method = timeline.methodIn(year);
    nextChange = timeline.nextChangeAfter(year, zone);
    if (book == null) {
      book = LotBook.create(method);
    } else if (book.method() != method) {
      LotBook reordered = LotBook.create(method);
      book.drainInProcessingOrder().forEach(reordered::add);
      book = reordered;
    }
    return book;
  }

  /** Removes and returns every lot left, in processing order. */
  List<OpenLot> drainInProcessingOrder() {
    return book == null ? List.of() : book.drainInProcessingOrder();
  }
}
