package dev.fifopipeline.reconcile;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.output.ResultPrinter;
import dev.fifopipeline.spark.MoneyColumns;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares an exchange fills export with the lake's ledger ({@link FillsComparison}): fills missing
 * in the ledger, trades in the ledger the export does not have (within the export's time window and
 * symbols), and trades whose side, size, price or time differ, listed in a CSV file. With backfill,
 * the missing trades are appended to the ledger with source {@code backfill}: to the bot's
 * PostgreSQL table for a jdbc source (the next ingest reads them), else straight into the lake
 * through ingest's rules.
 */
public final class ReconcileJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileJob.class);

  private final Lake lake;
  private final Settings settings;
  private final String fillsPath;
  private final Path listing;
  private final boolean backfill;
  private final Clock clock;

  public ReconcileJob(
      Lake lake, Settings settings, String fillsPath, Path listing, boolean backfill, Clock clock) {
    this.lake = lake;
    this.settings = settings;
    this.fillsPath = fillsPath;
    this.listing = listing;
    this.backfill = backfill;
    this.clock = clock;
  }

  /**
   * Compares the fills with the ledger, writes the listing and, with backfill, appends the missing
   * trades.
   */
  public ReconcileResult run() {
    // a killed backfill's rows must not count as already in the ledger (reconcile holds the lock)
    lake.undoInterruptedRun();
    var spark = lake.spark();
    spark.sparkContext().setJobGroup("reconcile", "reconcile " + fillsPath, false);
    MoneyColumns.register(spark);
    FillsFile.Fills file = FillsFile.read(spark, fillsPath);
    Dataset<Row> fills = file.rows().persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> compared = null;
    try {
      compared =
          FillsComparison.compare(lake, fills, file.hasOrderIds())
              .persist(StorageLevel.MEMORY_AND_DISK());
      Differences found = Differences.count(compared, fills);
      write(Differences.listing(compared, fills));
      long backfilled =
          backfill && found.missing() > 0
              ? new Backfill(lake, settings, clock).append(Differences.missingRows(compared))
              : 0;
      ReconcileResult result =
          new ReconcileResult(
              found.fills(),
              found.unreadable(),
              found.compared(),
              found.missing(),
              found.extra(),
              found.mismatched(),
              backfilled,
              listing.toString(),
              file.hasOrderIds() ? "order_id" : "symbol, side and second");
      LOG.info(result.summary());
      return result;
    } finally {
      if (compared != null) {
        compared.unpersist();
      }
      fills.unpersist();
      spark.sparkContext().clearJobGroup();
    }
  }

  private void write(Dataset<Row> differences) {
    try {
      if (listing.getParent() != null) {
        Files.createDirectories(listing.getParent());
      }
      try (PrintStream out =
          new PrintStream(Files.newOutputStream(listing), true, StandardCharsets.UTF_8)) {
        ResultPrinter.csv(differences, out);
      }
    } catch (IOException e) {
      throw Errors.listingUnwritable(listing.toString(), e);
    }
  }
}
