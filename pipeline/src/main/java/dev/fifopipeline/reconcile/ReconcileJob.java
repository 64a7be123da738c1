package dev.fifopipeline.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
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

  public ReconcileResult run() {
    // undo a killed run before reading the ledger: the rows of a killed backfill must not count as
    // already there (the run lock is held: reconcile is a writing command)
    lake.journal().recover();
    var spark = lake.spark();
    spark.sparkContext().setJobGroup("reconcile", "reconcile " + fillsPath, false);
    MoneyColumns.register(spark);
    FillsFile.Fills file = FillsFile.read(spark, fillsPath);
    Dataset<Row> fills = file.rows().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> compared =
          FillsComparison.compare(lake, fills, file.hasOrderIds())
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> differences =
            compared
                .filter(col("kind").notEqual("ok"))
                .drop("first_fill_time", "fill_fee", "fill_ids");
        Dataset<Row> unreadable =
            fills
                .filter(col("bad"))
                .select(
                    lit("unreadable").as("kind"),
                    col("fill_id").as("key"),
                    col("order_id"),
                    col("symbol"),
                    col("side").as("fill_side"),
                    lit(null).cast("string").as("ledger_side"),
                    col("time").as("fill_time"),
                    lit(null).cast("timestamp").as("ledger_time"),
                    col("size").as("fill_size"),
                    lit(null).cast(LakeSchemas.MONEY).as("ledger_size"),
                    col("price").as("fill_price"),
                    lit(null).cast(LakeSchemas.MONEY).as("ledger_price"),
                    lit("the fill row does not parse").as("details"));
        long[] counts = counts(compared);
        long bad = fills.filter(col("bad")).count();
        write(differences.unionByName(unreadable).orderBy("kind", "symbol", "key"));

        long backfilled = 0;
        if (backfill && counts[1] > 0) {
          backfilled =
              new Backfill(lake, settings, clock)
                  .append(compared.filter(col("kind").equalTo("missing")));
        }
        ReconcileResult result =
            new ReconcileResult(
                fills.count(),
                bad,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                backfilled,
                listing.toString(),
                file.hasOrderIds() ? "order_id" : "symbol, side and second");
        LOG.info(result.summary());
        return result;
      } finally {
        compared.unpersist();
      }
    } finally {
      fills.unpersist();
      spark.sparkContext().clearJobGroup();
    }
  }

  /** [compared, missing, extra, mismatched]. */
  private static long[] counts(Dataset<Row> compared) {
    long[] counts = new long[4];
    for (Row row : compared.groupBy("kind").count().collectAsList()) {
      long n = row.getLong(1);
      counts[0] += n;
      switch (row.getString(0)) {
        case "missing" -> counts[1] = n;
        case "extra" -> counts[2] = n;
        case "mismatched" -> counts[3] = n;
        default -> {}
      }
    }
    return counts;
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
      throw dev.fifopipeline.error.Errors.listingUnwritable(listing.toString(), e);
    }
  }
}
