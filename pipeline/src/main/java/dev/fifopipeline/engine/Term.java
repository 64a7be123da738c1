package dev.fifopipeline.engine;

import java.util.Locale;

/** Tax holding term of a matched allocation. */
public enum Term {
  /** Sold on or before the one-year anniversary of the buy date. */
  SHORT,
  /** Sold after the one-year anniversary of the buy date. */
  LONG;

  /** The lower-case name used in tables: {@code short} or {@code long}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
