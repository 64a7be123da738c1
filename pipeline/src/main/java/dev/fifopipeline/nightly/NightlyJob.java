package dev.fifopipeline.nightly;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.allocate.AllocateResult;
import dev.fifopipeline.allocate.AllocationCatalog;
import dev.fifopipeline.config.Settings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.ingest.IngestResult;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.validate.ValidateJob;
import dev.fifopipeline.validate.ValidationResult;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled refresh: ingest, allocate version {@code pipeline.version} (a full recompute), then
 * validate it.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

  private final Lake lake;
  private final Settings settings;
  private final Clock clock;

  public NightlyJob(Lake lake, Settings settings, Clock clock) {
    this.lake = lake;
    this.settings = settings;
    this.clock = clock;
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

    IngestResult ingest = new IngestJob(lake, settings.source(), clock).run();

    AllocationCatalog catalog = AllocationCatalog.read(lake);
    String existing = catalog.method(version).orElse(null);
    if (existing != null && !existing.equals(method)) {
      throw Errors.methodMismatch(version, existing, method);
    }
    AllocateResult allocate =
        new AllocateJob(
                lake,
                new AllocateRequest(
                    version, settings.pipelineMethod(), Set.of(), null, existing != null),
                settings.dust(),
                settings.taxZone(),
                clock)
            .run();

    ValidationResult validation = new ValidateJob(lake, version).run();
    return new NightlyResult(
        ingest, allocate, validation, (System.nanoTime() - started) / 1_000_000);
  }
}
