package dev.fifopipeline.cli;

import dev.fifopipeline.allocate.KnownVersions;
import dev.fifopipeline.compare.CompareJob;
import dev.fifopipeline.compare.CompareRequest;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "compare",
    description = {
      "Per-sell differences between two versions (--versions A,B), or between version N and the"
          + " legacy inline values the old bot wrote into trade_records (--version N --legacy).",
      "Prints counts per status and the largest differences; writes every sell to"
          + " DIR/compare-vA-vB.csv or DIR/compare-vN-legacy.csv."
    })
final class CompareCommand extends PipelineCommand {
  @Option(
      names = "--versions",
      split = ",",
      paramLabel = "A,B",
      description = "Two versions, e.g. --versions 1,2.")
  List<Integer> versions;

  @Option(names = "--version", paramLabel = "N", description = "The version, with --legacy.")
  Integer version;

  @Option(
      names = "--legacy",
      description = "Compare with the legacy pnl_usd, cost_basis_usd and parent_id of the ledger.")
  boolean legacy;

  @Mixin ReportFolderOption outOption;

  @Option(
      names = "--limit",
      defaultValue = "10",
      paramLabel = "N",
      description = "How many of the largest differences to print (default: 10).")
  int limit;

  @Override
  int run(PipelineContext context) {
    Path folder = outOption.folder(context.settings());
    int shown = Math.max(0, limit);
    CompareRequest request;
    if (versions != null) {
      if (version != null || legacy) {
        throw Errors.badComparison("--versions cannot be combined with --version or --legacy");
      }
      if (versions.size() != 2) {
        throw Errors.badComparison(
            "--versions takes two versions, got " + versions.size() + " (" + versions + ")");
      }
      if (versions.get(0).equals(versions.get(1))) {
        throw Errors.badComparison("--versions names version " + versions.get(0) + " twice");
      }
      request = CompareRequest.versions(versions.get(0), versions.get(1), folder, shown);
    } else if (version == null) {
      throw Errors.badComparison("nothing to compare");
    } else if (!legacy) {
      throw Errors.badComparison("--version " + version + " alone has nothing to compare with");
    } else {
      request = CompareRequest.legacy(version, folder, shown);
    }
    List<Integer> named = versions != null ? versions : List.of(version);
    KnownVersions.read(context.settings().lakePath())
        .ifPresent(known -> named.forEach(v -> known.requireExists("compare", v)));
    new CompareJob(context.lake().asBeforeUnfinishedRun(), request)
        .run()
        .summary()
        .forEach(context.out()::println);
    return ExitCode.OK.code();
  }
}
