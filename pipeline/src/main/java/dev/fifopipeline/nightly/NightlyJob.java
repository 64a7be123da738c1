package dev.fifopipeline.nightly;

import static org.apache.spark.sql.functions.col;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.allocate.AllocateResult;
import dev.fifopipeline.config.Settings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.ingest.IngestResult;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.publish.PublishJob;
import dev.fifopipeline.publish.PublishResult;
import dev.fifopipeline.report.Prices;
import dev.fifopipeline.report.ReportJob;
import dev.fifopipeline.report.ReportKind;
import dev.fifopipeline.report.ReportRequest;
import dev.fifopipeline.report.ReportResult;
import dev.fifopipeline.report.UnmatchedHunt;
import dev.fifopipeline.validate.ValidateJob;
import dev.fifopipeline.validate.ValidationResult;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled refresh of version {@code pipeline.version}: ingest; allocate (the whole version
 * the first time or with {@code full}, afterwards only the symbols with trades landed since the
 * version last saw the ledger); validate; publish to PostgreSQL when a database is configured and
 * every invariant holds; then every report ({@code report all}) into report.out. Any step can be
 * interrupted and the next run completes the work.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);
  private static final Duration TICK = Duration.ofNanos(1000); // timestamps are microseconds

  private final Lake lake;
  private final Settings settings;
  private final Clock clock;
  private final boolean full;
  private final boolean deep;

  /**
   * @param full recompute the whole version, and its reports
   * @param deep validate by recomputing every symbol, not only those changed since the last proof,
   *     and rebuild the reports of every symbol
   */
  public NightlyJob(Lake lake, Settings settings, Clock clock, boolean full, boolean deep) {
    this.lake = lake;
    this.settings = settings;
    this.clock = clock;
    this.full = full;
    this.deep = deep;
  }

  /**
   * Runs the steps in order.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) when the version exists with another
   *     method than pipeline.method
   */
  public NightlyResult run() {
    long started = System.nanoTime();
    int version = settings.pipelineVersion();
    String method = settings.pipelineMethod().label();
    LOG.info("nightly: version {} ({}), lake {}", version, method, lake.root());
    forgetMark();
    // taken before ingest reads the source: a row landing during this run changes it for the next
    String source = SourceFingerprint.of(settings.source()).orElse(null);

    IngestResult ingest = new IngestJob(lake, settings.source(), clock).run();
    lake.crashPoints().reached("nightly.after-ingest");

    AllocationCatalog catalog = AllocationCatalog.read(lake);
    String existing = catalog.method(version).orElse(null);
    if (existing != null && !existing.equals(method)) {
      throw Errors.methodMismatch(version, existing, method);
    }
    Optional<Instant> through = catalog.ledgerThrough(version);
    boolean incremental = existing != null && !full && through.isPresent();
    AllocateRequest request =
        new AllocateRequest(
            version,
            settings.pipelineMethod(),
            Set.of(),
            incremental ? through.get().plus(TICK) : null,
            existing != null && !incremental);
    AllocateResult allocate =
        new AllocateJob(lake, request, settings.dust(), settings.taxZone(), clock).run();
    lake.crashPoints().reached("nightly.after-allocate");

    ValidationResult validation = new ValidateJob(lake, version, deep).run();
    PublishResult publish = null;
    if (!validation.ok()) {
      LOG.error("nightly: version {} breaks invariants: not publishing", version);
    } else if (settings.sink().isConfigured()) {
      publish = new PublishJob(lake, settings.sink(), version).run();
    }
    ReportResult report = null;
    boolean changed = allocate.symbols() > 0 || ingest.newReviewRows() > 0;
    if (validation.ok() && (changed || !reported(version))) {
      ReportRequest all =
          new ReportRequest(
              version, ReportKind.ALL, null, settings.reportOut(), Prices.none(), full || deep);
      report =
          new ReportJob(lake, all, settings.taxZone(), clock, settings.reportIncrementalFrom())
              .run();
    }
    long unmatched = UnmatchedHunt.count(lake, version);
    boolean complete = validation.ok() && (publish != null || !settings.sink().isConfigured());
    if (complete && source != null) {
      boolean flagged = ingest.quarantined() > 0 || unmatched > 0;
      leaveMark(source, flagged, unmatched);
    }
    return new NightlyResult(
        ingest,
        allocate,
        validation,
        publish,
        report,
        unmatched,
        (System.nanoTime() - started) / 1_000_000);
  }

  private void forgetMark() {
    try {
      NightlyMark.forget(lake.root());
    } catch (IOException e) {
      throw Errors.lakeUnwritable(lake.root(), e);
    }
  }

  /** Leaves what this complete run saw, so that the next nightly can tell nothing changed. */
  private void leaveMark(String source, boolean flagged, long unmatched) {
    try {
      new NightlyMark(
              NightlyMark.settingsDigest(settings),
              source,
              NightlyMark.tableCommits(lake.root()),
              NightlyMark.databaseFacts(settings.sink(), settings.pipelineVersion()),
              clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
              flagged,
              unmatched)
          .write(lake.root());
    } catch (IOException | SQLException e) {
      LOG.warn(
          "nightly: could not leave its mark (the next nightly runs every step): {}", e.toString());
    }
  }

  /**
   * Whether the reports of {@code version} are in the lake and its page in report.out (nothing new:
   * no need to redo them).
   */
  private boolean reported(int version) {
    return java.nio.file.Files.isRegularFile(
            settings.reportOut().resolve("v" + version).resolve("report.html"))
        && lake.exists(LakeTable.WIN_RATE)
        && !lake.read(LakeTable.WIN_RATE)
            .filter(col("allocation_version").equalTo(version))
            .isEmpty();
  }
}
