package dev.fifopipeline.cli;

import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.reconcile.ReconcileJob;
import dev.fifopipeline.reconcile.ReconcileResult;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "reconcile",
    description = {
      "Compare an exchange fills export (Coinbase's fills CSV, or the ledger's own header) with"
          + " the ledger: missing, extra and mismatched trades, listed in a CSV file.",
      "--auto-backfill appends the missing ones to the ledger with source = backfill (to the"
          + " PostgreSQL table for a jdbc source); the next nightly recomputes their symbols."
    })
final class ReconcileCommand extends PipelineCommand {
  @Option(
      names = "--fills",
      required = true,
      paramLabel = "FILE",
      description = "The fills export (CSV).")
  Path fills;

  @Option(names = "--auto-backfill", description = "Append the missing trades to the ledger.")
  boolean autoBackfill;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the listing (default: report.out/reconcile-<fills file name>).")
  Path out;

  @Mixin StrictOption strictOption;

  @Override
  boolean writesLake() {
    return true;
  }

  @Override
  int run(PipelineContext context) {
    Path listing =
        out != null
            ? out.toAbsolutePath()
            : context.settings().reportOut().resolve("reconcile-" + fills.getFileName());
    ReconcileResult result =
        new ReconcileJob(
                context.lakeReading(List.of(fills.toAbsolutePath().toString())),
                context.settings(),
                fills.toAbsolutePath().toString(),
                listing,
                autoBackfill,
                context.clock())
            .run();
    context.out().println(result.summary());
    return ExitCode.strict(strictOption.strict, !result.clean());
  }
}
