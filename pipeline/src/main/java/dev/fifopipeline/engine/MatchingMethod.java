package dev.fifopipeline.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which open lot a sell consumes first. */
public enum MatchingMethod {
  /** Oldest lot first, in processing order. */
  FIFO,
  /** Newest lot first, in processing order. */
  LIFO,
  /**
   * Highest unit cost first, unit cost being {@code (price x size + fees) / size} of the buy; lots
   * of equal unit cost in processing order.
   */
  HIFO;

  /**
   * Parses {@code fifo}, {@code lifo} or {@code hifo} in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static MatchingMethod parse(String text) {
    for (MatchingMethod method : values()) {
      if (method.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return method;
      }
    }
    throw new IllegalArgumentException(
        "matching method must be one of "
            + Arrays.stream(values()).map(MatchingMethod::label).collect(Collectors.joining(", "))
            + ", not '"
            + text
            + "'");
  }

  /** The lower-case name used in tables and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
