package dev.fifopipeline.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One account's methods through the years: a first method, then from January 1 of each later year
 * given another one. Immutable; validated by {@link MethodSchedule}.
 *
 * @param first the method before the first change (all years when there is none)
 * @param changes year to the method in force from January 1 of that year; each differs from the
 *     method before it
 */
record MethodTimeline(MatchingMethod first, SortedMap<Integer, MatchingMethod> changes)
    implements java.io.Serializable {

  MethodTimeline {
    Objects.requireNonNull(first, "first");
    changes = new TreeMap<>(changes);
  }

  /** The method in force during {@code year}. */
  MatchingMethod methodIn(int year) {
    SortedMap<Integer, MatchingMethod> upTo = changes.headMap(year + 1);
    return upTo.isEmpty() ? first : upTo.get(upTo.lastKey());
  }

  /**
   * The instant the method next changes after {@code year}: midnight starting January 1 of the next
   * year with an entry, in {@code zone}; null when it never changes again.
   */
  Instant nextChangeAfter(int year, ZoneId zone) {
    SortedMap<Integer, MatchingMethod> later = changes.tailMap(year + 1);
    return later.isEmpty()
        ? null
        : LocalDate.of(later.firstKey(), 1, 1).atStartOfDay(zone).toInstant();
  }

  /** The entries as text, each prefixed with {@code prefix}: {@code fifo;2025=hifo}. */
  String format(String prefix) {
    StringBuilder text = new StringBuilder(prefix).append(first.label());
    for (Map.Entry<Integer, MatchingMethod> change : changes.entrySet()) {
      text.append(';').append(prefix).append(change.getKey()).append('=');
      text.append(change.getValue().label());
    }
    return text.toString();
  }
}
