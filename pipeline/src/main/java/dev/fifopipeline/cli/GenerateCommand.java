package dev.fifopipeline.cli;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.sample.GeneratorOptions;
import dev.fifopipeline.sample.LedgerGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "generate",
    description = {
      "Write a synthetic trading-bot ledger as CSV (canonical header) or typed Parquet. --sample"
          + " makes the bundled data/sample/trade_records.csv exactly."
    })
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand FifoPipeline top;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  Path out;

  enum Format {
    CSV,
    PARQUET
  }

  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "csv|parquet",
      description =
          "csv (default) or parquet: one Parquet file with timestamps and DECIMAL(38,18) columns"
              + " (not with --sample, whose bad rows do not fit those types).")
  Format format;

  @Option(names = "--sample", description = "The bundled sample (ignores the size options).")
  boolean sample;

  @Option(
      names = "--trades",
      defaultValue = "100000",
      paramLabel = "N",
      description = "About how many trades (default: ${DEFAULT-VALUE}).")
  int trades;

  @Option(
      names = "--symbols",
      defaultValue = "100",
      paramLabel = "N",
      description = "How many symbols (default: ${DEFAULT-VALUE}).")
  int symbols;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "X",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--hot-share",
      defaultValue = "0",
      paramLabel = "F",
      description = "Share of trades on one hot symbol, 0-1 (default: ${DEFAULT-VALUE}).")
  double hotShare;

  @Option(
      names = "--late-share",
      defaultValue = "0.01",
      paramLabel = "F",
      description = "Share of trades landing days late, 0-1 (default: ${DEFAULT-VALUE}).")
  double lateShare;

  @Override
  public Integer call() {
    GeneratorOptions options =
        sample
            ? GeneratorOptions.sample()
            : new GeneratorOptions(
                trades,
                symbols,
                seed,
                Instant.parse("2023-01-01T00:00:00Z"),
                Instant.parse("2025-12-31T00:00:00Z"),
                hotShare,
                lateShare,
                0.005,
                false);
    if (sample && format == Format.PARQUET) {
      throw Errors.sampleNotParquet(LedgerGenerator.SAMPLE_NOT_PARQUET);
    }
    try {
      LedgerGenerator generator = new LedgerGenerator(options);
      long rows = format == Format.PARQUET ? generator.writeParquet(out) : generator.write(out);
      top.out.printf("generate: %,d rows written to %s%n", rows, out);
      return ExitCode.OK.code();
    } catch (IOException e) {
      throw Errors.ledgerUnwritable(out.toString(), e);
    }
  }
}
