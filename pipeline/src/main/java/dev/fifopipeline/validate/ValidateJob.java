package dev.fifopipeline.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.MoneyColumns;
import dev.fifopipeline.spark.SideBySide;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every invariant of the contract (section 5) on one version, as Spark queries over the
 * lake: 1 to 5 by {@link InvariantQueries}, 6 by recomputing the version's symbols from the ledger
 * with the rules their runs recorded and comparing row for row.
 */
public final class ValidateJob {
  /** Breaches listed per invariant; the rest are counted. */
  public static final int EXAMPLES = 10;

  private static final Logger LOG = LoggerFactory.getLogger(ValidateJob.class);

  private final Lake lake;
  private final int version;
  private final boolean deep;

  /** A deep validate: every symbol of the version proved again. */
  public ValidateJob(Lake lake, int version) {
    this(lake, version, true);
  }

  /**
   * @param deep prove every symbol again; otherwise only the symbols whose rows changed since the
   *     last proof (see {@link Proof}), and every symbol when there is none
   */
  public ValidateJob(Lake lake, int version, boolean deep) {
    this.lake = lake;
    this.version = version;
    this.deep = deep;
  }

  /**
   * Runs every check.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) when the version does not exist;
   *     (environment) when a table it reads is damaged (see {@link
   *     dev.fifopipeline.lake.TableHealth})
   */
  public ValidationResult run() {
    long started = System.nanoTime();
    AllocationCatalog catalog = AllocationCatalog.read(lake);
    if (!catalog.exists(version)) {
      throw Errors.unknownVersion("validate", version, catalog.versions());
    }
    SparkSession spark = lake.spark();
    spark.sparkContext().setJobGroup("validate", "validate v" + version, false);
    MoneyColumns.register(spark);
    try {
      Map<LakeTable, Long> commits = Proof.currentCommits(lake);
      // the latest snapshots, which Delta keeps (a read pinned by time travel computes its
      // snapshot again on every action); were a writer to commit meanwhile, the proof records
      // the older commits, so its changes are proved again next time
      Map<LakeTable, Dataset<Row>> tables = new EnumMap<>(LakeTable.class);
      tables.putAll(SideBySide.map("validate-read", commits.keySet(), lake::read));
      Optional<Set<String>> changed =
          deep ? Optional.empty() : Proof.changedSince(lake, version, commits);
      MethodSchedule schedule = MethodSchedule.parse(catalog.method(version).orElseThrow());
      ValidationResult result = check(tables, changed.orElse(null), schedule, started);
      if (result.ok()) {
        Proof.write(lake, version, commits, Instant.now());
      }
      LOG.info(
          "validate v{}: {} symbols ({} proved again), {} allocations, {} in {} ms",
          version,
          result.symbols(),
          changed.map(c -> String.valueOf(c.size())).orElse("all"),
          result.allocations(),
          result.ok() ? "all invariants hold" : result.total() + " breaches",
          result.durationMs());
      return result;
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * Checks invariants 1 to 6 on the symbols in {@code scope} (all of them when null) and, side by
   * side, the version-wide totals, over {@code tables} as read at one commit each.
   */
  private ValidationResult check(
      Map<LakeTable, Dataset<Row>> tables,
      Set<String> scope,
      MethodSchedule schedule,
      long started) {
    Column ofVersion = col("allocation_version").equalTo(version);
    Dataset<Row> log = tables.get(LakeTable.FIFO_COMPUTATION_LOG).filter(ofVersion);
    Dataset<Row> allAllocations = tables.get(LakeTable.FIFO_ALLOCATIONS).filter(ofVersion);
    SparkSession spark = lake.spark();
    AtomicReference<Totals> sums = new AtomicReference<>();
    Map<Integer, Long> counts = new TreeMap<>();
    List<Breach> examples = new ArrayList<>();
    Runnable sum =
        () -> {
          spark.sparkContext().setJobDescription("validate v" + version + ": totals");
          sums.set(Totals.of(log, allAllocations));
        };
    Runnable prove =
        () -> {
          if (scope == null || !scope.isEmpty()) {
            Column inScope = scope == null ? lit(true) : col("symbol").isin(scope.toArray());
            Dataset<Row> trades = tables.get(LakeTable.TRADE_RECORDS).filter(inScope);
            Dataset<Row> inventory =
                tables.get(LakeTable.FIFO_INVENTORY_SNAPSHOT).filter(ofVersion).filter(inScope);
            spark.sparkContext().setJobDescription("validate v" + version + ": read");
            Invariants.check(
                spark,
                version,
                trades,
                allAllocations.filter(inScope),
                inventory,
                log.filter(inScope),
                schedule,
                counts,
                examples);
          }
        };
    SideBySide.run("validate", List.of(sum, prove));
    Totals totals = sums.get();
    if (totals.stored() != totals.logged()) {
      counts.merge(6, 1L, Long::sum);
      examples.add(0, new Breach(6, "(all symbols)", null, totals.mismatch()));
    }
    return new ValidationResult(
        version,
        totals.symbols(),
        totals.stored(),
        counts,
        examples,
        scope == null ? -1 : scope.size(),
        (System.nanoTime() - started) / 1_000_000);
  }
}
