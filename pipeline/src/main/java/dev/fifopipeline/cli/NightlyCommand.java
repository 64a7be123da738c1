package dev.fifopipeline.cli;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.nightly.NightlyJob;
import dev.fifopipeline.nightly.NightlyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "nightly",
    description = {
      "The scheduled refresh: ingest, allocate version pipeline.version with pipeline.method,"
          + " validate. Exit 1 when an invariant is broken."
    })
final class NightlyCommand extends PipelineCommand {
  @Option(
      names = "--strict",
      description = "Exit 1 when rows were quarantined or sells are unmatched.")
  boolean strict;

  @Override
  int run(PipelineContext context) {
    NightlyResult result =
        new NightlyJob(context.lake(), context.settings(), context.clock()).run();
    context.out().println(result.ingest().summary());
    context.out().println(result.allocate().summary());
    ValidateCommand.print(result.validation(), context.out());
    context.out().printf("nightly: done in %.1f s%n", result.durationMs() / 1000.0);
    if (!result.validation().ok()) {
      throw Errors.invariantsBroken(result.validation().version(), result.validation().total());
    }
    boolean flagged = result.ingest().quarantined() > 0 || result.allocate().unmatchedSells() > 0;
    return strict && flagged ? 1 : 0;
  }
}
