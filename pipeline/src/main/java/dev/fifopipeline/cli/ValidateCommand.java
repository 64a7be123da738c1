package dev.fifopipeline.cli;

import dev.fifopipeline.allocate.KnownVersions;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.validate.Breach;
import dev.fifopipeline.validate.ValidateJob;
import dev.fifopipeline.validate.ValidationResult;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "validate",
    description = {
      "Check every invariant of version N; exit 0 when all hold, 1 with the breaches listed."
    })
final class ValidateCommand extends PipelineCommand {
  @Option(
      names = "--version",
      required = true,
      paramLabel = "N",
      description = "Allocation version.")
  int version;

  @Override
  int run(PipelineContext context) {
    KnownVersions.read(context.settings().lakePath())
        .ifPresent(known -> known.requireExists("validate", version));
    ValidationResult result = new ValidateJob(context.lake(), version).run();
    print(result, context.out());
    if (!result.ok()) {
      throw Errors.invariantsBroken(version, result.total());
    }
    return 0;
  }

  /** The listing: a headline, then per broken invariant its count and examples. */
  static void print(ValidationResult result, PrintStream out) {
    if (result.ok()) {
      out.printf(
          "validate v%d: %,d symbols, %,d allocations: all 6 invariants hold%n",
          result.version(), result.symbols(), result.allocations());
      return;
    }
    out.printf(
        "validate v%d: %,d symbols, %,d allocations: %,d breaches%n",
        result.version(), result.symbols(), result.allocations(), result.total());
    result
        .breaches()
        .forEach(
            (invariant, count) -> {
              out.printf(
                  "  invariant %d (%s): %,d%n",
                  invariant, ValidationResult.INVARIANTS.get(invariant), count);
              for (Breach breach : result.examples()) {
                if (breach.invariant() == invariant) {
                  out.println("    " + breach.line());
                }
              }
              if (count > ValidateJob.EXAMPLES) {
                out.printf("    ... and %,d more%n", count - ValidateJob.EXAMPLES);
              }
            });
  }
}
