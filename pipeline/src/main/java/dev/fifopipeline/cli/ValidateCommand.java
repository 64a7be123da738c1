package dev.fifopipeline.cli;

import dev.fifopipeline.allocate.KnownVersions;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.validate.Breach;
import dev.fifopipeline.validate.ValidateJob;
import dev.fifopipeline.validate.ValidationResult;
import java.io.PrintStream;
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
    ValidationResult result = new ValidateJob(context.lake(), versionOption.version, deep).run();
    print(result, context.out());
    if (!result.ok()) {
      throw Errors.invariantsBroken(versionOption.version, result.total());
    }
    return ExitCode.OK.code();
  }

  /** What a validate that did not prove every symbol proved. */
  private static String scope(ValidationResult result) {
    if (result.proved() < 0) {
      return "";
    }
    return result.proved() == 0
        ? " (no symbol changed since the last proof; --deep proves all again)"
        : String.format(
            " (%,d symbol%s changed since the last proof, proved again; --deep proves all)",
            result.proved(), result.proved() == 1 ? "" : "s");
  }

  /** The listing: a headline, then per broken invariant its count and examples. */
  static void print(ValidationResult result, PrintStream out) {
    if (result.ok()) {
      out.printf(
          "validate v%d: %,d symbols, %,d allocations: all 6 invariants hold%s%n",
          result.version(), result.symbols(), result.allocations(), scope(result));
      return;
    }
    out.printf(
        "validate v%d: %,d symbols, %,d allocations: %,d breaches%s%n",
        result.version(), result.symbols(), result.allocations(), result.total(), scope(result));
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
