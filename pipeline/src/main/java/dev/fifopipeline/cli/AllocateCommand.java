package dev.fifopipeline.cli;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.allocate.AllocateResult;
import dev.fifopipeline.allocate.KnownVersions;
import dev.fifopipeline.config.Settings;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "allocate",
    description = {
      "Match sells to buy lots and write version N of fifo_allocations, fifo_inventory_snapshot,"
          + " fifo_computation_log and the unmatched sells in manual_review_queue.",
      "Refuses (exit 2) when version N exists, unless --force (recompute) or --since"
          + " (recompute the symbols with trades ingested since WHEN)."
    })
final class AllocateCommand extends PipelineCommand {
  @Mixin VersionOption versionOption;

  @Option(
      names = "--method",
      paramLabel = "M",
      description = "fifo, lifo or hifo (default: the version's own; fifo for a new version).")
  String method;

  @Option(
      names = "--method-schedule",
      paramLabel = "SCHEDULE",
      description =
          "Methods by year and account instead of --method: entries [ACCOUNT:][YEAR=]METHOD"
              + " separated by ';', e.g. 'fifo;2025=hifo;kraken:lifo'. Each sell uses the method"
              + " in force on its date in tax.timezone.")
  String methodSchedule;

  @ArgGroup(exclusive = true)
  Scope scope;

  static final class Scope {
    @Option(
        names = "--symbols",
        split = ",",
        paramLabel = "SYMBOL",
        description = "Recompute only these symbols, e.g. BTC-USD,ETH-USD.")
    List<String> symbols;

    @Option(names = "--all-symbols", description = "Compute every symbol (the default).")
    boolean all;
  }

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Incremental: recompute whole the symbols with trades ingested since WHEN:"
              + " '10 minutes ago', '2 hours ago', '5 days ago' or an ISO time.")
  String since;

  @Option(names = "--force", description = "Recompute an existing version.")
  boolean force;

  @Mixin StrictOption strictOption;

  @Override
  boolean writesLake() {
    return true;
  }

  @Override
  int run(PipelineContext context) {
    if (versionOption.version < 1) {
      throw Errors.badVersionNumber(versionOption.version);
    }
    MethodSchedule parsed = schedule();
    Instant sinceTime = since == null ? null : Since.parse(since, context.clock());
    Settings settings = context.settings();
    AllocateRequest request =
        new AllocateRequest(versionOption.version, parsed, symbols(), sinceTime, force);
    // refuse before Spark starts when the lake's files already tell
    KnownVersions.read(settings.lakePath())
        .ifPresent(known -> request.checkAgainst(known.method(versionOption.version).orElse(null)));
    AllocateResult result =
        new AllocateJob(
                context.lake(), request, settings.dust(), settings.taxZone(), context.clock())
            .run();
    context.out().println(result.summary());
    if (!result.failed().isEmpty()) {
      throw Errors.symbolsFailed(versionOption.version, result.failed());
    }
    return ExitCode.strict(strictOption.strict, result.unmatchedSells() > 0);
  }

  /** The schedule of --method or --method-schedule, or null when neither is given. */
  private MethodSchedule schedule() {
    if (method != null && methodSchedule != null) {
      throw Errors.methodAndSchedule();
    }
    if (methodSchedule != null) {
      try {
        return MethodSchedule.parse(methodSchedule);
      } catch (IllegalArgumentException e) {
        throw Errors.badSchedule("--method-schedule", methodSchedule, e.getMessage());
      }
    }
    try {
      return method == null ? null : MethodSchedule.of(MatchingMethod.parse(method));
    } catch (IllegalArgumentException e) {
      throw Errors.unknownMethod(method);
    }
  }

  private Set<String> symbols() {
    Set<String> normalized = new TreeSet<>();
    if (scope != null && scope.symbols != null) {
      for (String symbol : scope.symbols) {
        if (!symbol.isBlank()) {
          normalized.add(symbol.strip().toUpperCase(Locale.ROOT).replaceAll("[/_]", "-"));
        }
      }
    }
    return normalized;
  }
}
