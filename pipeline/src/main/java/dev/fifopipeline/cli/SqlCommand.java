package dev.fifopipeline.cli;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.sql.ResultPrinter;
import dev.fifopipeline.sql.SqlJob;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sql",
    description = {
      "Run Spark SQL over the lake tables by name (trade_records, fifo_allocations, ...).",
      "Exact decimal helpers: fifo_add, fifo_subtract, fifo_multiply, fifo_divide (Spark's own"
          + " decimal operators keep fewer than 18 decimals on DECIMAL(38,18); SUM is exact)."
    })
final class SqlCommand extends PipelineCommand {
  enum Format {
    CSV,
    TABLE
  }

  @Parameters(
      index = "0",
      paramLabel = "QUERY",
      description = "e.g. \"SELECT symbol, sum(pnl) FROM fifo_allocations GROUP BY symbol\"")
  String query;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "csv|table",
      description = "Output format (default: table).")
  Format format;

  @Option(
      names = "--limit",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Rows shown by --format table (default: 1000).")
  int limit;

  @Override
  int run(PipelineContext context) {
    Settings settings = context.settings();
    SparkSettings session =
        SqlJob.sessionFor(
            settings.spark(), settings.lakePath(), settings.sqlSmallLakeBytes(), query);
    Dataset<Row> rows = new SqlJob(context.lake(session)).query(query);
    if (format == Format.CSV) {
      ResultPrinter.csv(rows, context.out());
    } else {
      ResultPrinter.table(rows, Math.max(1, limit), context.out());
    }
    return 0;
  }
}
