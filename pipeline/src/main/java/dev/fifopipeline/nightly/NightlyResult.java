package dev.fifopipeline.nightly;

import dev.fifopipeline.allocate.AllocateResult;
import dev.fifopipeline.ingest.IngestResult;
import dev.fifopipeline.publish.PublishResult;
import dev.fifopipeline.report.ReportResult;
import dev.fifopipeline.validate.ValidationResult;

/**
 * What one nightly run did, step by step.
 *
 * @param ingest the ingest step
 * @param allocate the allocate step
 * @param validation the validate step
 * @param publish the publish step, or null when no database is configured or validation failed
 * @param report the reports ({@code report all}), or null when validation failed or nothing changed
 *     since they were written
 * @param unmatchedSells the version's unmatched sells after the run, all symbols (not only the
 *     recomputed ones)
 * @param durationMs wall time of the whole run
 */
public record NightlyResult(
    IngestResult ingest,
    AllocateResult allocate,
    ValidationResult validation,
    PublishResult publish,
    ReportResult report,
    long unmatchedSells,
    long durationMs) {}
