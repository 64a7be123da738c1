package dev.fifopipeline.ingest;

import java.util.Map;

/**
 * What one ingest did. {@code read = inserted + unchanged + quarantined}.
 *
 * @param source where the rows came from (no secrets), with "since T" for an incremental read
 * @param read rows read from the source
 * @param inserted trades new to the ledger
 * @param unchanged rows the ledger (or this batch) already had with the same facts
 * @param quarantined bad or conflicting rows, each with a reason in manual_review_queue
 * @param newReviewRows review rows not already in the queue from an earlier run
 * @param reasons quarantined rows per reason
 * @param skippedFiles files of a csv or parquet source that an earlier ingest read whole and that
 *     have not changed since, left unread
 * @param durationMs wall time
 */
public record IngestResult(
    String source,
    long read,
    long inserted,
    long unchanged,
    long quarantined,
    long newReviewRows,
    Map<String, Long> reasons,
    int skippedFiles,
    long durationMs) {

  /**
   * The one-line summary the command prints; a source without rows (a 0-byte or header-only file,
   * an empty table) says so.
   */
  public String summary() {
    if (read == 0 && skippedFiles > 0) {
      return String.format(
          "ingest: nothing new (%s: %s read before, unchanged since; ingest --full reads %s"
              + " again)",
          source, files(skippedFiles), skippedFiles == 1 ? "it" : "them");
    }
    if (read == 0) {
      return "ingest: empty source, nothing to ingest (no rows in " + source + ")";
    }
    return String.format(
        "ingest: read %,d / new %,d / unchanged %,d / quarantined %,d%s%s",
        read,
        inserted,
        unchanged,
        quarantined,
        quarantined == 0
            ? ""
            : " (" + reasons + "; " + newReviewRows + " new in manual_review_queue)",
        skippedFiles == 0 ? "" : "; " + files(skippedFiles) + " read before, skipped");
  }

  private static String files(int n) {
    return String.format("%,d file%s", n, n == 1 ? "" : "s");
  }
}
