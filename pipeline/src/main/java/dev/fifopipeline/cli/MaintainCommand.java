package dev.fifopipeline.cli;

import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.maintain.MaintainJob;
import dev.fifopipeline.maintain.MaintainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "maintain",
    description = {
      "Upkeep of every lake table: OPTIMIZE (compaction, or Z-order by symbol for a table larger"
          + " than maintain.target-file-size), VACUUM of files no version of the last"
          + " maintain.vacuum-retention reads, and a checkpoint. Changes no row; the next nightly"
          + " stays incremental. Schedule it hourly beside a nightly every few minutes."
    })
final class MaintainCommand extends PipelineCommand {
  @Option(
      names = "--dry-run",
      description = "Change nothing: list what would be optimized, vacuumed and checkpointed.")
  boolean dryRun;

  @Override
  boolean writesLake() {
    return !dryRun;
  }

  @Override
  int run(PipelineContext context) {
    MaintainJob.checkRetention(context.settings().maintain());
    print(new MaintainJob(context.lake(), context.settings().maintain(), dryRun).run(), context);
    return ExitCode.OK.code();
  }

  /** Prints a maintenance's lines (also nightly --maintain's). */
  static void print(MaintainResult result, PipelineContext context) {
    result.lines().forEach(context.out()::println);
  }
}
