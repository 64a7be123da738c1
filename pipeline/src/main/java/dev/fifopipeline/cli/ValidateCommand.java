package dev.fifopipeline.cli;

import dev.fifopipeline.allocate.KnownVersions;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.validate.ValidateJob;
import dev.fifopipeline.validate.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "validate",
    description = {
      "Check every invariant of version N; exit 0 when all hold, 1 with the breaches listed."
    })
final class ValidateCommand extends PipelineCommand {
  @Mixin VersionOption versionOption;

  @Option(
      names = "--deep",
      description =
          "Prove every symbol again by a full recompute, instead of only the symbols whose ledger,"
              + " allocation, inventory or log rows changed since the last proof.")
  boolean deep;

  @Override
  int run(PipelineContext context) {
    KnownVersions.read(context.settings().lakePath())
        .ifPresent(known -> known.requireExists("validate", versionOption.version));
    ValidationResult result =
        new ValidateJob(context.lake().asBeforeUnfinishedRun(), versionOption.version, deep).run();
    context.out().print(result.listing());
    if (!result.ok()) {
      throw Errors.invariantsBroken(versionOption.version, result.total());
    }
    return ExitCode.OK.code();
  }
}
