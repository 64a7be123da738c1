package dev.fifopipeline.ingest;

import static dev.fifopipeline.ingest.LedgerClassifier.NEW;
import static dev.fifopipeline.ingest.LedgerClassifier.QUARANTINED;
import static dev.fifopipeline.ingest.LedgerClassifier.STATUS;
import static dev.fifopipeline.ingest.LedgerClassifier.UNCHANGED;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeState;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Columns;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source to the lake's {@code trade_records}: normalises, quarantines bad and conflicting rows into
 * {@code manual_review_queue} with their reason, and appends the trades new to the ledger. The
 * ledger is append-only: a trade once ingested never changes.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private static final String WATERMARK = "ingest-watermark";

  private final Lake lake;
  private final SourceSettings source;
  private final Clock clock;
  private final boolean full;

  /** An ingest that reads a PostgreSQL source incrementally, from its watermark. */
  public IngestJob(Lake lake, SourceSettings source, Clock clock) {
    this(lake, source, clock, false);
  }

  /**
   * @param full read the whole source even when a watermark allows an incremental read
   */
  public IngestJob(Lake lake, SourceSettings source, Clock clock, boolean full) {
    this.lake = lake;
    this.source = source;
    this.clock = clock;
    this.full = full;
  }

  /** Trades per ledger file written by one ingest (see {@link #bySymbol}). */
  static final long ROWS_PER_FILE = 100_000;

  /** Runs the ingest; two commits at most (ledger, review queue). */
  public IngestResult run() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    lake.ensureWritable();
    // undo a killed run before reading the ledger: its rows must not count as already there
    lake.journal().recover();
    var spark = lake.spark();
    spark.sparkContext().setJobGroup("ingest", "ingest " + source.describe(), false);

    IngestedFiles ingested = new IngestedFiles(lake, source);
    Optional<IngestedFiles.Selection> files =
        source.kind() == SourceKind.JDBC ? Optional.empty() : ingested.select(full);
    if (files.isPresent() && files.get().toRead().isEmpty()) {
      IngestResult result = nothingNew(files.get(), started);
      LOG.info("{} in {} ms", result.summary(), result.durationMs());
      spark.sparkContext().clearJobGroup();
      return result;
    }
    LedgerSource reader =
        files
            .map(selected -> new LedgerSource(spark, source, selected.paths()))
            .orElseGet(() -> new LedgerSource(spark, source));
    files
        .filter(f -> f.skipped() > 0)
        .ifPresent(
            f ->
                LOG.info(
                    "ingest: reading {} new or changed file(s); {} read before, skipped",
                    f.toRead().size(),
                    f.skipped()));
    Instant from =
        full ? null : watermark().map(w -> w.minus(source.jdbc().watermarkOverlap())).orElse(null);
    Dataset<Row> raw = reader.read(from);
    if (from != null && reader.watermarkable()) {
      LOG.info("ingest: reading rows ingested since {} (watermark minus overlap)", from);
    }
    Dataset<Row> normalized = LedgerNormalizer.normalize(raw, source.clockSkew());
    Dataset<Row> classified =
        LedgerClassifier.classify(
                normalized, lake.read(LakeTable.TRADE_RECORDS), smallBatch(reader, normalized))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Counts counts = Counts.of(classified);
      LOG.info(
          "ingest: read {} rows from {} {}",
          String.format("%,d", counts.read()),
          source.kind().name().toLowerCase(),
          source.describe());

      lake.journal()
          .begin("ingest", List.of(LakeTable.TRADE_RECORDS, LakeTable.MANUAL_REVIEW_QUEUE));
      if (counts.inserted > 0) {
        spark.sparkContext().setJobDescription("ingest: append new trades to trade_records");
        lake.append(
            LakeTable.TRADE_RECORDS,
            bySymbol(
                ledgerRows(classified.filter(col(STATUS).equalTo(NEW)), now), counts.inserted));
      }
      lake.crashPoints().reached("ingest.after-ledger");
      long newReview = 0;
      if (counts.quarantined > 0) {
        spark.sparkContext().setJobDescription("ingest: queue bad rows for review");
        Dataset<Row> review = reviewRows(classified.filter(col(STATUS).equalTo(QUARANTINED)), now);
        Dataset<Row> queued =
            lake.read(LakeTable.MANUAL_REVIEW_QUEUE)
                .filter(col("allocation_version").isNull())
                .select(
                    col("order_id").as("q_order_id"),
                    col("reason").as("q_reason"),
                    col("details").as("q_details"));
        Dataset<Row> fresh =
            review
                .join(
                    queued,
                    col("order_id")
                        .eqNullSafe(col("q_order_id"))
                        .and(col("reason").equalTo(col("q_reason")))
                        .and(col("details").equalTo(col("q_details"))),
                    "left_anti")
                .cache();
        newReview = fresh.count();
        if (newReview > 0) {
          lake.append(LakeTable.MANUAL_REVIEW_QUEUE, fresh);
        }
        fresh.unpersist();
      }
      lake.journal().commit();
      files.ifPresent(ingested::record);
      if (reader.watermarkable() && counts.lastIngested != null) {
        Map<String, Object> mark = new java.util.LinkedHashMap<>();
        mark.put("source", source.describe());
        mark.put("ingested_at", counts.lastIngested.toString());
        new LakeState(lake).write(WATERMARK, mark);
      }
      IngestResult result =
          new IngestResult(
              from != null && reader.watermarkable()
                  ? source.describe() + " since " + from
                  : source.describe(),
              counts.read(),
              counts.inserted,
              counts.unchanged,
              counts.quarantined,
              newReview,
              counts.reasons,
              files.map(IngestedFiles.Selection::skipped).orElse(0),
              (System.nanoTime() - started) / 1_000_000);
      LOG.info("{} in {} ms", result.summary(), result.durationMs());
      return result;
    } finally {
      classified.unpersist();
      spark.sparkContext().clearJobGroup();
    }
  }

  /** Every file of the source was read before and is unchanged: no Spark job, no commit. */
  private IngestResult nothingNew(IngestedFiles.Selection files, long started) {
    return new IngestResult(
        source.describe(),
        0,
        0,
        0,
        0,
        0,
        Map.of(),
        files.skipped(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * {@code rows} in files of about {@link #ROWS_PER_FILE} trades, each holding a narrow range of
   * symbols. Delta keeps each file's least and greatest symbol, so a run over a few symbols
   * (allocate --since, --symbols) reads the files holding them and skips the rest: its cost follows
   * the changed symbols, not the size of the ledger. A symbol with more trades than a file holds
   * spreads over several files, split by time.
   */
  static Dataset<Row> bySymbol(Dataset<Row> rows, long count) {
    if (count <= ROWS_PER_FILE) {
      return rows.coalesce(1); // one file, and no shuffle for a small batch
    }
    int files = (int) ((count + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    return rows.repartitionByRange(files, col("symbol"), col("order_time"));
  }

  /**
   * Whether the batch comes from files (a second read gives the same rows) and Spark estimates it
   * under {@code spark.sql.autoBroadcastJoinThreshold}, so its order ids can be broadcast against
   * the ledger (see {@link LedgerClassifier#classify}).
   */
  static boolean smallBatch(LedgerSource reader, Dataset<Row> normalized) {
    long limit = normalized.sparkSession().sessionState().conf().autoBroadcastJoinThreshold();
    return reader.rereadable()
        && limit > 0
        && normalized
                .queryExecution()
                .optimizedPlan()
                .stats()
                .sizeInBytes()
                .bigInteger()
                .compareTo(java.math.BigInteger.valueOf(limit))
            <= 0;
  }

  /** The lake's ledger columns; ingested_at defaults to the time the row landed in the lake. */
  private static Dataset<Row> ledgerRows(Dataset<Row> rows, Instant now) {
    Column landed = lit(now);
    return rows.withColumn("ingested_at", coalesce(col("ingested_at"), landed))
        .withColumn("lake_ingested_at", landed);
  }

  private static Dataset<Row> reviewRows(Dataset<Row> rows, Instant now) {
    return rows.select(
            when(Columns.blank(col("order_id")), lit(null))
                .otherwise(col("order_id"))
                .as("order_id"),
            col("account"),
            col("symbol"),
            col(LedgerNormalizer.REASON).as("reason"),
            col(LedgerNormalizer.DETAILS).as("details"),
            lit(null).cast("int").as("allocation_version"),
            lit(now).as("detected_at"))
        .dropDuplicates("order_id", "reason", "details");
  }

  /** The latest ingested_at read from this source before, if it is read incrementally. */
  private java.util.Optional<Instant> watermark() {
    return new LakeState(lake)
        .read(WATERMARK)
        .filter(mark -> source.describe().equals(mark.get("source")))
        .map(mark -> Instant.parse((String) mark.get("ingested_at")));
  }

  /** Rows per status, quarantined rows per reason and the latest ingested_at, from one pass. */
  private record Counts(
      long inserted,
      long unchanged,
      long quarantined,
      Map<String, Long> reasons,
      Instant lastIngested) {
    static Counts of(Dataset<Row> classified) {
      long inserted = 0;
      long unchanged = 0;
      long quarantined = 0;
      Instant last = null;
      Map<String, Long> reasons = new TreeMap<>();
      for (Row row :
          classified
              .groupBy(col(STATUS), col(LedgerNormalizer.REASON))
              .agg(
                  org.apache.spark.sql.functions.count("*"),
                  org.apache.spark.sql.functions.max("ingested_at"))
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
      return new Counts(inserted, unchanged, quarantined, reasons, last);
    }

    long read() {
      return inserted + unchanged + quarantined;
    }
  }
}
