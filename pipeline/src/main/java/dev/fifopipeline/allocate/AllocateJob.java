package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.spark.Names;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
    lake.journal().recover(); // versions and ledger as they were before any killed run
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
      Dataset<Row> ledgerAll = ledger;
      Set<String> scope = scope(ledger, incremental);
      String mode = incremental ? INCREMENTAL : FULL;
      if (scope != null && scope.isEmpty()) {
        LOG.info(
            "allocate v{}: no trades landed since {}: nothing to compute",
            version,
            request.since());
        return new AllocateResult(
            version, schedule.label(), mode, null, 0, 0, 0, 0, 0, BigDecimal.ZERO, List.of(), 0);
      }
      if (scope != null) {
        ledger = ledger.filter(col("symbol").isin(scope.toArray()));
      }
      String batchId = UUID.randomUUID().toString();
      MatchingRules rules = new MatchingRules(schedule, dust, zone);
      LOG.info(
          "allocate v{} ({}, {}): matching {} in processing order",
          version,
          schedule.label(),
          mode,
          scope == null ? "all symbols" : scope.size() + " symbols");
      return write(version, rules, mode, batchId, now, ledger, ledgerAll, scope, started);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The symbols to recompute, or null for all of them. */
  private Set<String> scope(Dataset<Row> ledger, boolean incremental) {
    if (incremental) {
      Set<String> changed = new TreeSet<>();
      for (Row row :
          ledger
              .filter(col("lake_ingested_at").geq(lit(request.since())))
              .select("symbol")
              .distinct()
              .collectAsList()) {
        changed.add(row.getString(0));
      }
      changed.addAll(request.symbols());
      return changed;
    }
    if (request.symbols().isEmpty()) {
      return null;
    }
    Set<String> known = new TreeSet<>();
    for (Row row :
        ledger
            .filter(col("symbol").isin(request.symbols().toArray()))
            .select("symbol")
            .distinct()
            .collectAsList()) {
      known.add(row.getString(0));
    }
    Set<String> unknown = new TreeSet<>(request.symbols());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw Errors.unknownSymbols(unknown);
    }
    return known;
  }

  private AllocateResult write(
      int version,
      MatchingRules rules,
      String mode,
      String batchId,
      Instant now,
      Dataset<Row> ledger,
      Dataset<Row> ledgerAll,
      Set<String> scope,
      long started) {
    SparkSession spark = lake.spark();
    String predicate =
        "allocation_version = "
            + version
            + (scope == null ? "" : " AND " + Names.inList("symbol", scope));
    Column[] tags = {
      lit(version).as("allocation_version"),
      lit(rules.schedule().label()).as("method"),
      lit(batchId).as("batch_id"),
      lit(now).as("computed_at")
    };
    Instant ledgerThrough = ledgerThrough(ledgerAll);
    lake.journal()
        .begin(
            "allocate v" + version,
            List.of(
                LakeTable.FIFO_ALLOCATIONS,
                LakeTable.FIFO_INVENTORY_SNAPSHOT,
                LakeTable.MANUAL_REVIEW_QUEUE,
                LakeTable.FIFO_COMPUTATION_LOG));

    // One pass: writing the allocations runs the matching and keeps its output (memory, then
    // local disk), from which the lots and unmatched rests are written; one summary per group
    // arrives on the driver beside it (see MatchRuns).
    spark
        .sparkContext()
        .setJobDescription("allocate v" + version + ": match lots per symbol, write allocations");
    Matching.Matched matched = Matching.match(ledger, rules).persisted();
    List<RunRow> runs;
    List<RunRow> failed = new ArrayList<>();
    Set<String> failedKeys = new TreeSet<>();
    try {
      lake.replace(LakeTable.FIFO_ALLOCATIONS, withTags(matched.allocationRows(), tags), predicate);
      runs = matched.runs().runs();
      for (RunRow run : runs) {
        if (RunRow.FAILED.equals(run.getStatus())) {
          failed.add(run);
          failedKeys.add(key(run.getAccount(), run.getSymbol()));
          LOG.error(
              "allocate v{}: {} failed: {}",
              version,
              key(run.getAccount(), run.getSymbol()),
              run.getError());
        }
      }
      // a failed group may have emitted rows before its error: none of them may stay
      Column succeeded = failed.isEmpty() ? lit(true) : not(expr(groupsIn(failed)));
      if (!failed.isEmpty()) {
        lake.delete(LakeTable.FIFO_ALLOCATIONS, predicate + " AND " + groupsIn(failed));
      }
      lake.crashPoints().reached("allocate.after-allocations");

      spark
          .sparkContext()
          .setJobDescription("allocate v" + version + ": write fifo_inventory_snapshot");
      lake.replace(
          LakeTable.FIFO_INVENTORY_SNAPSHOT,
          withTags(matched.lotRows().where(succeeded), tags),
          predicate);
      lake.crashPoints().reached("allocate.after-inventory");

      spark.sparkContext().setJobDescription("allocate v" + version + ": queue unmatched sells");
      lake.replace(
          LakeTable.MANUAL_REVIEW_QUEUE,
          reviewRows(
              matched.allocationRows().where(col("buy_order_id").isNull().and(succeeded)),
              failed,
              version,
              now),
          predicate);
      lake.crashPoints().reached("allocate.after-review");
    } finally {
      matched.release();
    }

    lake.append(
        LakeTable.FIFO_COMPUTATION_LOG,
        logRows(runs, version, rules, mode, batchId, ledgerThrough));
    lake.journal().commit();
    OptionalLong logCommit = KnownVersions.newestLogCommit(lake.root());
    KnownVersions.record(lake, AllocationCatalog.read(lake), logCommit);

    long buys = 0;
    long sells = 0;
    long allocations = 0;
    long unmatched = 0;
    BigDecimal pnl = BigDecimal.ZERO;
    for (RunRow run : runs) {
      if (!failedKeys.contains(key(run.getAccount(), run.getSymbol()))) {
        buys += run.getBuys();
        sells += run.getSells();
        allocations += run.getAllocations();
        unmatched += run.getUnmatchedSells();
        pnl = pnl.add(run.getTotalPnl());
      }
    }
    AllocateResult result =
        new AllocateResult(
            version,
            rules.schedule().label(),
            mode,
            batchId,
            runs.size(),
            buys,
            sells,
            allocations,
            unmatched,
            pnl,
            List.copyOf(failedKeys),
            (System.nanoTime() - started) / 1_000_000);
    LOG.info("{} in {} ms", result.summary(), result.durationMs());
    return result;
  }

  /** A SQL condition for the (account, symbol) groups of {@code runs}. */
  private static String groupsIn(List<RunRow> runs) {
    List<String> conditions = new ArrayList<>();
    for (RunRow run : runs) {
      conditions.add(
          "("
              + (run.getAccount() == null
                  ? "account IS NULL"
                  : "account = " + Names.literal(run.getAccount()))
              + " AND symbol = "
              + Names.literal(run.getSymbol())
              + ")");
    }
    return "(" + String.join(" OR ", conditions) + ")";
  }

  private static Dataset<Row> withTags(Dataset<Row> rows, Column[] tags) {
    List<Column> columns = new ArrayList<>(List.of(tags));
    for (String name : rows.columns()) {
      columns.add(col(name));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** The review queue rows: one per unmatched sell rest, one per {@code failed} group. */
  private Dataset<Row> reviewRows(
      Dataset<Row> unmatched, List<RunRow> failed, int version, Instant now) {
    Dataset<Row> queued =
        unmatched.select(
            col("sell_order_id").as("order_id"),
            col("account"),
            col("symbol"),
            lit("unmatched_sell").as("reason"),
            format_string(
                    "%s of sell %s at %s had no open buy lot; proceeds %s recorded without a"
                        + " cost basis",
                    Columns.plain(col("allocated_size")),
                    col("sell_order_id"),
                    col("sell_time").cast("string"),
                    Columns.plain(col("proceeds")))
                .as("details"),
            lit(version).as("allocation_version"),
            lit(now).as("detected_at"));
    List<Row> failures = new ArrayList<>();
    for (RunRow run : failed) {
      failures.add(
          RowFactory.create(
              null,
              run.getAccount(),
              run.getSymbol(),
              "allocation_failed",
              "matching failed, no rows written for this symbol: " + run.getError(),
              version,
              now));
    }
    return queued.unionByName(
        lake.spark().createDataFrame(failures, LakeSchemas.MANUAL_REVIEW_QUEUE));
  }

  /** The latest time a trade landed in the lake, as this run saw the ledger. */
  private static Instant ledgerThrough(Dataset<Row> ledger) {
    Row row = ledger.agg(org.apache.spark.sql.functions.max("lake_ingested_at")).first();
    return row.isNullAt(0) ? null : row.getAs(0);
  }

  private Dataset<Row> logRows(
      List<RunRow> runs,
      int version,
      MatchingRules rules,
      String mode,
      String batchId,
      Instant through) {
    List<Row> rows = new ArrayList<>();
    for (RunRow run : runs) {
      rows.add(
          RowFactory.create(
              batchId,
              version,
              rules.schedule().label(),
              mode,
              run.getAccount(),
              run.getSymbol(),
              run.getStartedAt(),
              run.getDurationMs(),
              run.getBuys(),
              run.getSells(),
              run.getAllocations(),
              run.getUnmatchedSells(),
              run.getTotalPnl(),
              run.getStatus(),
              run.getError(),
              rules.dust(),
              rules.zone().getId(),
              through));
    }
    return lake.spark().createDataFrame(rows, LakeSchemas.FIFO_COMPUTATION_LOG);
  }

  private static String key(String account, String symbol) {
    return account == null ? symbol : account + "/" + symbol;
  }
}
