package dev.fifopipeline.cli;

import dev.fifopipeline.allocate.KnownVersions;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.publish.PublishJob;
import dev.fifopipeline.publish.PublishResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "publish",
    description = {
      "Write version N's allocations, inventory, computation log and review rows to PostgreSQL"
          + " (sink.jdbc.*, defaulting to the source database) in one transaction; creates the"
          + " tables and views if missing. Publishing again changes nothing."
    })
final class PublishCommand extends PipelineCommand {
  @Mixin VersionOption versionOption;

  @Override
  boolean writesLake() {
    return true; // reads the lake while no other run changes it, and may undo an interrupted run
  }

  @Override
  int run(PipelineContext context) {
    KnownVersions.read(context.settings().lakePath())
        .ifPresent(known -> known.requireExists("publish", versionOption.version));
    PublishResult result =
        new PublishJob(context.lake(), context.settings().sink(), versionOption.version).run();
    context.out().println(result.summary());
    return ExitCode.OK.code();
  }
}
