package dev.fifopipeline.cli;

import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.ingest.IngestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    description = {
      "Read the ledger source (source.kind: csv, parquet or jdbc) into the lake's trade_records.",
      "Bad and conflicting rows go to manual_review_queue with their reason; prints"
          + " read / new / unchanged / quarantined."
    })
final class IngestCommand extends PipelineCommand {
  @Mixin StrictOption strictOption;

  @Option(
      names = "--full",
      description =
          "Read the whole PostgreSQL table, not only the rows ingested since the last run.")
  boolean full;

  @Override
  boolean writesLake() {
    return true;
  }

  @Override
  int run(PipelineContext context) {
    IngestResult result =
        new IngestJob(context.lakeAndSource(), context.settings().source(), context.clock(), full)
            .run();
    context.out().println(result.summary());
    return ExitCode.strict(strictOption.strict, result.quarantined() > 0);
  }
}
