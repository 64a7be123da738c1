package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;

import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.lake.LakeWrite;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a version's allocations from the lake's ledger: groups trades by (account, symbol),
 * sorts each group in processing order, runs the engine, and replaces the version's rows (all of
 * them, or those of the symbols recomputed) in {@code fifo_allocations}, {@code
 * fifo_inventory_snapshot} and {@code manual_review_queue}, then logs each group in {@code
 * fifo_computation_log}. The log is written last: a version exists once it has been logged.
 */
public final class AllocateJob {
  private static final Logger LOG = LoggerFactory.getLogger(AllocateJob.class);
  private static final String FULL = "full";
  private static final String INCREMENTAL = "incremental";

  /** The tables a run writes, all or nothing. */
  private static final List<LakeTable> WRITES =
      List.of(
          LakeTable.FIFO_ALLOCATIONS,
          LakeTable.FIFO_INVENTORY_SNAPSHOT,
          LakeTable.MANUAL_REVIEW_QUEUE,
          LakeTable.FIFO_COMPUTATION_LOG);

  private final Lake lake;
  private final AllocateRequest request;
  private final BigDecimal dust;
  private final ZoneId zone;
  private final Clock clock;

  public AllocateJob(
      Lake lake, AllocateRequest request, BigDecimal dust, ZoneId zone, Clock clock) {
    this.lake = lake;
    this.request = request;
    this.dust = dust;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * Runs the allocation.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) when the version exists and neither
   *     --force nor --since is given, when a partial run asks for another method, or for unknown
   *     symbols
   */
  public AllocateResult run() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    int version = request.version();
    lake.undoInterruptedRun(); // versions and ledger as they were before any killed run
    AllocationCatalog catalog = AllocationCatalog.read(lake);
    String existing = catalog.method(version).orElse(null);
    MethodSchedule schedule = request.checkAgainst(existing);
    boolean incremental = existing != null && request.since() != null;

    lake.ensureWritable();
    lake.enableChangeFeeds(); // a lake from an older release: validate needs them
    SparkSession spark = lake.spark();
    spark.sparkContext().setJobGroup("allocate", "allocate v" + version, false);
    try {
      Dataset<Row> ledger = lake.read(LakeTable.TRADE_RECORDS);
      AllocationScope scope = AllocationScope.of(ledger, request, incremental);
      String mode = incremental ? INCREMENTAL : FULL;
      if (scope.isEmpty()) {
        LOG.info(
            "allocate v{}: no trades landed since {}: nothing to compute",
            version,
            request.since());
        return new AllocateResult(
            version, schedule.label(), mode, null, 0, 0, 0, 0, 0, BigDecimal.ZERO, List.of(), 0);
      }
      MatchingRules rules = new MatchingRules(schedule, dust, zone);
      LOG.info(
          "allocate v{} ({}, {}): matching {} in processing order",
          version,
          schedule.label(),
          mode,
          scope.describe());
      return write(version, rules, mode, now, ledger, scope, started);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * Matches the {@code scope}'s trades of the {@code ledger} and writes the version's rows for the
   * scope: allocations, open lots, review rows and log, as one journalled run.
   */
  private AllocateResult write(
      int version,
      MatchingRules rules,
      String mode,
      Instant now,
      Dataset<Row> ledger,
      AllocationScope scope,
      long started) {
    String predicate = scope.predicate(version);
    String batchId = UUID.randomUUID().toString();
    Column[] tags = AllocationRows.tags(version, rules, batchId, now);
    Instant ledgerThrough = ledgerThrough(ledger);
    List<RunRow> runs;
    FailedGroups failed;
    try (LakeWrite write = lake.beginWrite("allocate v" + version, WRITES)) {
      // One pass: writing the allocations runs the matching and keeps its output (memory, then
      // local disk), from which the lots and unmatched rests are written; one summary per group
      // arrives on the driver beside it (see MatchRuns).
      describe(version, "match lots per symbol, write allocations");
      Matching.Matched matched = Matching.match(scope.ledger(ledger), rules).persisted();
      try {
        Dataset<Row> allocations = matched.allocationRows();
        write.replace(
            LakeTable.FIFO_ALLOCATIONS, AllocationRows.withTags(allocations, tags), predicate);
        runs = matched.runs().runs();
        failed = FailedGroups.of(runs);
        for (RunRow run : failed.runs()) {
          LOG.error(
              "allocate v{}: {} failed: {}",
              version,
              FailedGroups.key(run.getAccount(), run.getSymbol()),
              run.getError());
        }
        // a failed group may have emitted rows before its error: none of them may stay
        if (!failed.isEmpty()) {
          write.delete(LakeTable.FIFO_ALLOCATIONS, predicate + " AND " + failed.predicate());
        }
        lake.crashPoints().reached("allocate.after-allocations");

        describe(version, "write fifo_inventory_snapshot");
        Dataset<Row> lots = matched.lotRows().where(failed.succeeded());
        write.replace(
            LakeTable.FIFO_INVENTORY_SNAPSHOT, AllocationRows.withTags(lots, tags), predicate);
        lake.crashPoints().reached("allocate.after-inventory");

        describe(version, "queue unmatched sells");
        Dataset<Row> unmatched =
            allocations.where(col("buy_order_id").isNull().and(failed.succeeded()));
        write.replace(
            LakeTable.MANUAL_REVIEW_QUEUE,
            AllocationRows.review(lake.spark(), unmatched, failed, version, now),
            predicate);
        lake.crashPoints().reached("allocate.after-review");
      } finally {
        matched.release();
      }
      write.append(
          LakeTable.FIFO_COMPUTATION_LOG,
          AllocationRows.log(lake.spark(), runs, version, rules, mode, batchId, ledgerThrough));
      write.commit();
    }
    OptionalLong logCommit = KnownVersions.newestLogCommit(lake.root());
    KnownVersions.record(lake, AllocationCatalog.read(lake), logCommit);

    AllocateResult result =
        AllocateResult.of(
            version,
            rules.schedule().label(),
            mode,
            batchId,
            runs,
            failed,
            (System.nanoTime() - started) / 1_000_000);
    LOG.info("{} in {} ms", result.summary(), result.durationMs());
    return result;
  }

  /** Names the Spark jobs that follow in the UI. */
  private void describe(int version, String step) {
    lake.spark().sparkContext().setJobDescription("allocate v" + version + ": " + step);
  }

  /** The latest time a trade landed in the lake, as this run saw the ledger. */
  private static Instant ledgerThrough(Dataset<Row> ledger) {
    Row row = ledger.agg(org.apache.spark.sql.functions.max("lake_ingested_at")).first();
    return row.isNullAt(0) ? null : row.getAs(0);
  }
}
