package dev.fifopipeline.ingest;

import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.lake.LakeWrite;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

  private final Lake lake;
  private final SourceSettings source;
  private final Clock clock;
  private final boolean full;
  private final SourceWatermark watermark;

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
    this.watermark = new SourceWatermark(lake, source);
  }

  /**
   * Runs the ingest: reads what is new in the source, classifies it against the ledger, and writes
   * the new trades and review rows in one journalled run of two commits at most.
   */
  public IngestResult run() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    lake.ensureWritable();
    lake.undoInterruptedRun(); // a killed run's rows must not count as already in the ledger
    var spark = lake.spark();
    spark.sparkContext().setJobGroup("ingest", "ingest " + source.describe(), false);
    try {
      IngestedFiles ingested = new IngestedFiles(lake, source);
      Optional<IngestedFiles.Selection> files =
          source.kind() == SourceKind.JDBC ? Optional.empty() : ingested.select(full);
      if (files.isPresent() && files.get().toRead().isEmpty()) {
        return log(nothingNew(files.get(), started)); // no Spark job, no commit
      }
      Batch batch = read(files);
      Dataset<Row> classified =
          LedgerClassifier.classify(batch.rows(), lake.read(LakeTable.TRADE_RECORDS), batch.small())
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        IngestCounts counts = IngestCounts.of(classified);
        LOG.info("ingest: read {} rows from {}", String.format("%,d", counts.read()), batch.from());
        long newReview = write(classified, counts, now);
        files.ifPresent(ingested::record);
        if (batch.watermarkable() && counts.lastIngested() != null) {
          watermark.advance(counts.lastIngested());
        }
        return log(result(batch, counts, newReview, files, started));
      } finally {
        classified.unpersist();
      }
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The source's rows to ingest, normalised: the files selected, or the table from its mark. */
  private Batch read(Optional<IngestedFiles.Selection> files) {
    var spark = lake.spark();
    files
        .filter(f -> f.skipped() > 0)
        .ifPresent(
            f ->
                LOG.info(
                    "ingest: reading {} new or changed file(s); {} read before, skipped",
                    f.toRead().size(),
                    f.skipped()));
    LedgerSource reader =
        files
            .map(selected -> new LedgerSource(spark, source, selected.paths()))
            .orElseGet(() -> new LedgerSource(spark, source));
    Instant from = full ? null : watermark.readFrom().orElse(null);
    Dataset<Row> raw = reader.read(from); // a table without ingested_at is read whole
    Instant since = reader.watermarkable() ? from : null;
    if (since != null) {
      LOG.info("ingest: reading rows ingested since {} (watermark minus overlap)", since);
    }
    Dataset<Row> rows = LedgerNormalizer.normalize(raw, source.clockSkew());
    return new Batch(rows, smallBatch(reader, rows), reader.watermarkable(), since, source);
  }

  /**
   * Appends the new trades and the review rows not queued before, as one journalled run.
   *
   * @return the review rows added
   */
  private long write(Dataset<Row> classified, IngestCounts counts, Instant now) {
    var context = lake.spark().sparkContext();
    List<LakeTable> tables = List.of(LakeTable.TRADE_RECORDS, LakeTable.MANUAL_REVIEW_QUEUE);
    try (LakeWrite write = lake.beginWrite("ingest", tables)) {
      if (counts.inserted() > 0) {
        context.setJobDescription("ingest: append new trades to trade_records");
        Dataset<Row> trades = IngestRows.ledger(classified, now);
        write.append(LakeTable.TRADE_RECORDS, IngestRows.bySymbol(trades, counts.inserted()));
      }
      lake.crashPoints().reached("ingest.after-ledger");
      long added = 0;
      if (counts.quarantined() > 0) {
        context.setJobDescription("ingest: queue bad rows for review");
        Dataset<Row> queue = lake.read(LakeTable.MANUAL_REVIEW_QUEUE);
        Dataset<Row> fresh = IngestRows.review(classified, queue, now).cache();
        added = fresh.count();
        if (added > 0) {
          write.append(LakeTable.MANUAL_REVIEW_QUEUE, fresh);
        }
        fresh.unpersist();
      }
      write.commit();
      return added;
    }
  }

  /** Every file of the source was read before and is unchanged. */
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

  private static IngestResult log(IngestResult result) {
    LOG.info("{} in {} ms", result.summary(), result.durationMs());
    return result;
  }

  private static IngestResult result(
      Batch batch,
      IngestCounts counts,
      long newReview,
      Optional<IngestedFiles.Selection> files,
      long started) {
    return new IngestResult(
        batch.source(),
        counts.read(),
        counts.inserted(),
        counts.unchanged(),
        counts.quarantined(),
        newReview,
        counts.reasons(),
        files.map(IngestedFiles.Selection::skipped).orElse(0),
        (System.nanoTime() - started) / 1_000_000);
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

  /**
   * A normalised batch read from the source.
   *
   * @param small whether its order ids can be broadcast (see {@link #smallBatch})
   * @param watermarkable whether the source is read from a watermark
   * @param since where an incremental read started; null for a whole read
   */
  private record Batch(
      Dataset<Row> rows,
      boolean small,
      boolean watermarkable,
      Instant since,
      SourceSettings settings) {
    /** Where the rows came from, as the result names it. */
    String source() {
      return since == null ? settings.describe() : settings.describe() + " since " + since;
    }

    /** The source, as the log names it. */
    String from() {
      return settings.kind().name().toLowerCase(Locale.ROOT) + " " + settings.describe();
    }
  }
}
