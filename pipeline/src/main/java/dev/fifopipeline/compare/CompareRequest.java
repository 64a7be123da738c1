package dev.fifopipeline.compare;

import java.nio.file.Path;

/**
 * What to compare: version {@code a} with version {@code b}, or version {@code a} with the legacy
 * inline values ({@code b} null).
 *
 * @param a the version compared
 * @param b the other version, or null with {@code legacy}
 * @param legacy whether to compare with the legacy values of trade_records
 * @param out folder of the per-sell CSV file
 * @param limit how many of the largest differences the summary lists
 */
public record CompareRequest(int a, Integer b, boolean legacy, Path out, int limit) {
  /** Version {@code a} against version {@code b}. */
  public static CompareRequest versions(int a, int b, Path out, int limit) {
    return new CompareRequest(a, b, false, out, limit);
  }

  /** Version {@code a} against the legacy inline values. */
  public static CompareRequest legacy(int a, Path out, int limit) {
    return new CompareRequest(a, null, true, out, limit);
  }

  /** The per-sell CSV file: {@code compare-v1-v2.csv} or {@code compare-v1-legacy.csv}. */
  public Path file() {
    return out.resolve(name() + ".csv");
  }

  /** The per-symbol CSV file: {@code compare-v1-v2-by-symbol.csv}. */
  public Path bySymbolFile() {
    return out.resolve(name() + "-by-symbol.csv");
  }

  private String name() {
    return "compare-v" + a + "-" + (legacy ? "legacy" : "v" + b);
  }
}
