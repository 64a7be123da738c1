package dev.fifopipeline.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to report.
 *
 * @param version allocation version
 * @param kind which tables (and whether the HTML page)
 * @param year tax year the files cover, in tax.timezone; null for every year. The lake tables
 *     always cover the whole version.
 * @param out folder under which the files go, in {@code v<N>} (or {@code v<N>-<year>})
 * @param prices mark prices of open inventory; {@link Prices#none()} for none
 * @param full recompute every symbol; otherwise {@code all} without a year recomputes the symbols
 *     changed since the last such report (see {@link ReportState})
 */
public record ReportRequest(
    int version, ReportKind kind, Integer year, Path out, Prices prices, boolean full) {
  public ReportRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(prices, "prices");
  }

  /** A request that recomputes only what changed where it can. */
  public ReportRequest(int version, ReportKind kind, Integer year, Path out, Prices prices) {
    this(version, kind, year, out, prices, false);
  }

  /** Whether this report may recompute only the symbols changed since the last one. */
  boolean incremental() {
    return kind == ReportKind.ALL && year == null && !full;
  }

  /** The folder the files of this request go to. */
  public Path folder() {
    return out.resolve("v" + version + (year == null ? "" : "-" + year));
  }
}
