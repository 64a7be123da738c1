package dev.fifopipeline.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@link MatchingMethod} is in force when, and for which account. Immutable; every instance
 * is valid.
 *
 * <p>Text form: entries separated by {@code ;}, each {@code [ACCOUNT:][YEAR=]METHOD}. The entries
 * without an account are the default schedule; the entries of one account are that account's
 * schedule and replace the default for it entirely. In each schedule the first entry has no year
 * (the method before any change) and later entries have strictly increasing four-digit years, each
 * naming another method than the one before it: {@code fifo;2025=hifo} is FIFO until December 31,
 * 2024 and HIFO from January 1, 2025; {@code fifo;2025=hifo;kraken:lifo} also keeps account {@code
 * kraken} on LIFO throughout. Years are calendar years in the tax zone the caller gives. Account
 * names are matched exactly and may contain {@code :} but not {@code ;}; blanks around entries and
 * the case of method names do not matter.
 *
 * <p>A plain schedule (one method, no year, no account) stands for that method: its {@link
 * #label()} is the method's label, e.g. {@code fifo}, and matching with it is matching with the
 * method.
 */
public final class MethodSchedule implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern ENTRY = Pattern.compile("(?:(\\d{4})\\s*=\\s*)?([A-Za-z]+)");

  private final MethodTimeline common;
  private final SortedMap<String, MethodTimeline> accounts;

  private MethodSchedule(MethodTimeline common, SortedMap<String, MethodTimeline> accounts) {
    this.common = common;
    this.accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
  }

  /** The plain schedule of {@code method}: that method for every account and year. */
  public static MethodSchedule of(MatchingMethod method) {
    return new MethodSchedule(new MethodTimeline(method, new TreeMap<>()), new TreeMap<>());
  }

  /**
   * Parses the text form, e.g. {@code fifo}, {@code fifo;2025=hifo} or {@code
   * fifo;2025=hifo;kraken:lifo}.
   *
   * @throws IllegalArgumentException saying which entry is wrong and why
   */
  public static MethodSchedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("it is empty");
    }
    Map<String, List<String>> entries = new LinkedHashMap<>();
    for (String raw : text.split(";", -1)) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        throw new IllegalArgumentException("it has an empty entry");
      }
      int colon = entry.lastIndexOf(':');
      String account = colon < 0 ? "" : entry.substring(0, colon).strip();
      if (colon >= 0 && account.isEmpty()) {
        throw new IllegalArgumentException("entry '" + entry + "' has no account before ':'");
      }
      entries.computeIfAbsent(account, a -> new ArrayList<>()).add(entry.substring(colon + 1));
    }
    if (!entries.containsKey("")) {
      throw new IllegalArgumentException("it has no entry without an account (the default method)");
    }
    SortedMap<String, MethodTimeline> accounts = new TreeMap<>();
    entries.forEach(
        (account, list) -> {
          if (!account.isEmpty()) {
            accounts.put(account, timeline(account, list));
          }
        });
    return new MethodSchedule(timeline("", entries.get("")), accounts);
  }

  private static MethodTimeline timeline(String account, List<String> entries) {
    String whose =
        account.isEmpty() ? "the default schedule" : "account " + account + "'s schedule";
    MatchingMethod first = null;
    SortedMap<Integer, MatchingMethod> changes = new TreeMap<>();
    MatchingMethod before = null;
    for (String entry : entries) {
      Matcher m = ENTRY.matcher(entry.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "entry '" + entry.strip() + "' is not [ACCOUNT:][YEAR=]METHOD");
      }
      MatchingMethod method = MatchingMethod.parse(m.group(2));
      if (m.group(1) == null) {
        if (first != null) {
          throw new IllegalArgumentException(
              whose + " has a second entry without a year ('" + entry.strip() + "')");
        }
        first = method;
      } else {
        int year = Integer.parseInt(m.group(1));
        if (first == null) {
          throw new IllegalArgumentException(
              whose + " starts with a year ('" + entry.strip() + "'): its first entry is a method");
        }
        if (!changes.isEmpty() && year <= changes.lastKey()) {
          throw new IllegalArgumentException(
              whose
                  + " has year "
                  + year
                  + " after "
                  + changes.lastKey()
                  + ": years must increase");
        }
        if (method == before) {
          throw new IllegalArgumentException(
              whose + " changes to " + method.label() + " in " + year + " but is already on it");
        }
        changes.put(year, method);
      }
      before = method;
    }
    return new MethodTimeline(first, changes);
  }

  /** Whether this is one method for every account and year. */
  public boolean isPlain() {
    return accounts.isEmpty() && common.changes().isEmpty();
  }

  /**
   * The method in force for {@code account} at {@code time}, the year taken in {@code zone}.
   *
   * @param account the trade's account, or null for a ledger without accounts (default schedule)
   */
  public MatchingMethod methodAt(String account, Instant time, ZoneId zone) {
    return timeline(account).methodIn(HoldingPeriod.date(time, zone).getYear());
  }

  /** The schedule of {@code account} (null: no account): its own entries, else the default's. */
  MethodTimeline timeline(String account) {
    return account == null ? common : accounts.getOrDefault(account, common);
  }

  /**
   * The text recorded with a version: the method's label for a plain schedule ({@code fifo}), else
   * the entries in a canonical form (default schedule first, then accounts by name, methods in
   * lower case, no blanks), which {@link #parse} reads back to an equal schedule.
   */
  public String label() {
    StringBuilder text = new StringBuilder(common.format(""));
    accounts.forEach(
        (account, timeline) -> text.append(';').append(timeline.format(account + ":")));
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MethodSchedule s
        && common.equals(s.common)
        && accounts.equals(s.accounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(common, accounts);
  }

  /** The {@link #label()}. */
  @Override
  public String toString() {
    return label();
  }
}
