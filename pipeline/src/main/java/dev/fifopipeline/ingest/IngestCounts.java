package dev.fifopipeline.ingest;

import static dev.fifopipeline.ingest.LedgerClassifier.NEW;
import static dev.fifopipeline.ingest.LedgerClassifier.QUARANTINED;
import static dev.fifopipeline.ingest.LedgerClassifier.STATUS;
import static dev.fifopipeline.ingest.LedgerClassifier.UNCHANGED;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A classified batch's rows per status, its quarantined rows per reason and its latest ingested_at,
 * from one pass.
 */
record IngestCounts(
    long inserted,
    long unchanged,
    long quarantined,
    Map<String, Long> reasons,
    Instant lastIngested) {

  static IngestCounts of(Dataset<Row> classified) {
    long inserted = 0;
    long unchanged = 0;
    long quarantined = 0;
    Instant last = null;
    Map<String, Long> reasons = new TreeMap<>();
    for (Row row :
        classified
            .groupBy(col(STATUS), col(LedgerNormalizer.REASON))
            .agg(count("*"), max("ingested_at"))
            .collectAsList()) {
      if (!row.isNullAt(3)) {
        Instant seen = row.getAs(3);
        last = last == null || seen.isAfter(last) ? seen : last;
      }
      long n = row.getLong(2);
      switch (row.getString(0)) {
        case NEW -> inserted += n;
        case UNCHANGED -> unchanged += n;
        case QUARANTINED -> {
          quarantined += n;
          reasons.merge(row.getString(1), n, Long::sum);
        }
        default -> throw new IllegalStateException("status " + row.getString(0));
      }
    }
    return new IngestCounts(inserted, unchanged, quarantined, reasons, last);
  }

  /** Every row read. */
  long read() {
    return inserted + unchanged + quarantined;
  }
}
