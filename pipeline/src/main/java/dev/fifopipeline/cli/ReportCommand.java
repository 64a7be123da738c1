package dev.fifopipeline.cli;

import dev.fifopipeline.allocate.KnownVersions;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.output.ResultFormat;
import dev.fifopipeline.output.ResultPrinter;
import dev.fifopipeline.report.Prices;
import dev.fifopipeline.report.ReportJob;
import dev.fifopipeline.report.ReportKind;
import dev.fifopipeline.report.ReportRequest;
import dev.fifopipeline.report.ReportResult;
import dev.fifopipeline.report.UnmatchedHunt;
import dev.fifopipeline.report.UnmatchedResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    description = {
      "Write version N's report tables to the lake (pnl_by_symbol, pnl_by_quote, pnl_daily,"
          + " pnl_monthly, win_rate, tax_lots, tax_summary; always every tax year) and as CSV files, plus for 'all' an HTML page"
          + " with charts, into DIR/v<N> (DIR/v<N>-<Y> with --year).",
      "Files round money to cents (half-up); the lake keeps exact values. Dates and tax years are"
          + " taken in tax.timezone.",
      "tax and all with --year Y also fill Form 8949 and Schedule D for year Y (lake tables"
          + " form_8949 and schedule_d, their CSV files and a printable page per part and box);"
          + " the boxes follow tax.form-8949.",
      "unmatched lists, for every unmatched sell, its likely causes with their evidence (a buy in"
          + " another account, a fill the ledger lacks with --fills, rounding dust, a symbol alias),"
          + " one actionable line each, on standard output and in DIR/v<N>/unmatched_causes.csv;"
          + " it writes no lake table."
    })
final class ReportCommand extends PipelineCommand {
  @Parameters(
      index = "0",
      paramLabel = "pnl|winrate|tax|all|unmatched",
      description =
          "pnl: pnl_by_symbol, pnl_by_quote, pnl_daily, pnl_monthly; winrate: win_rate; tax:"
              + " tax_lots, tax_summary; all: every table, the rows per symbol they add up"
              + " (pnl_daily_by_symbol, tax_summary_by_symbol, top_sells) and report.html; unmatched: the"
              + " likely causes of the unmatched sells.")
  ReportKind kind;

  @Mixin VersionOption versionOption;

  @Option(
      names = "--year",
      paramLabel = "Y",
      description = "Only the sells of tax year Y (in tax.timezone) in the files.")
  Integer year;

  @Mixin ReportFolderOption outOption;

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description =
          "CSV of mark prices (header symbol,price) to value open inventory: unrealized pnl.")
  Path prices;

  @Option(
      names = "--full",
      description =
          "Recompute every symbol. Without it, report all (no --year) recomputes only the symbols"
              + " whose allocations or open lots changed since the last report all, and adds up"
              + " the totals from the rows per symbol.")
  boolean full;

  @Option(
      names = "--fills",
      paramLabel = "FILE",
      description =
          "unmatched only: an exchange fills export (as reconcile reads) to look for the buys the"
              + " ledger lacks.")
  Path fills;

  @Option(
      names = "--format",
      paramLabel = "csv|table",
      description = "unmatched only: how the causes are printed (default: table).")
  ResultFormat format;

  @Override
  boolean writesLake() {
    return kind != ReportKind.UNMATCHED;
  }

  @Override
  int run(PipelineContext context) {
    KnownVersions.read(context.settings().lakePath())
        .ifPresent(known -> known.requireExists("report", versionOption.version));
    if (kind == ReportKind.UNMATCHED) {
      return unmatched(context);
    }
    if (fills != null || format != null) {
      throw Errors.onlyForUnmatched(
          kind.name().toLowerCase(Locale.ROOT),
          fills != null ? "--fills" : "--format",
          versionOption.version);
    }
    ReportRequest request =
        new ReportRequest(
            versionOption.version,
            kind,
            year,
            outOption.folder(context.settings()),
            prices == null ? Prices.none() : Prices.read(prices),
            full);
    ReportResult result =
        new ReportJob(
                context.lake(),
                request,
                context.settings().taxZone(),
                context.clock(),
                context.settings().reportIncrementalFrom(),
                context.settings().form8949())
            .run();
    result.summary().forEach(context.out()::println);
    return ExitCode.OK.code();
  }

  /** The missing-buy hunt: the summary line, then the causes as a table or CSV. */
  private int unmatched(PipelineContext context) {
    if (year != null || prices != null || full) {
      throw Errors.notForUnmatched(
          year != null ? "--year" : prices != null ? "--prices" : "--full");
    }
    String fillsPath = fills == null ? null : fills.toAbsolutePath().toString();
    Lake lake = fillsPath == null ? context.lake() : context.lakeReading(List.of(fillsPath));
    UnmatchedResult result =
        new UnmatchedHunt(
                lake,
                versionOption.version,
                context.settings().dust(),
                fillsPath,
                outOption.folder(context.settings()))
            .run();
    ResultFormat shown = format == null ? ResultFormat.TABLE : format;
    // A CSV on standard output is for a pipe: the summary goes to standard error.
    (shown == ResultFormat.CSV ? context.err() : context.out()).println(result.summary());
    if (!result.rows().isEmpty()) {
      ResultPrinter.print(
          lake.spark().createDataFrame(result.rows(), UnmatchedResult.SCHEMA),
          shown,
          Integer.MAX_VALUE - 1,
          context.out());
    }
    return ExitCode.OK.code();
  }
}
