package dev.fifopipeline.cli;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.ResultFormat;
import dev.fifopipeline.output.ResultPrinter;
import dev.fifopipeline.sql.SqlJob;
import dev.fifopipeline.sql.SqlPrompt;
import dev.fifopipeline.sql.SqlScript;
import dev.fifopipeline.sql.StatementRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sql",
    description = {
      "Run Spark SQL over the lake tables by name (trade_records, fifo_allocations, ...).",
      "Without QUERY: an interactive prompt on a terminal (statements end with ;, \\d lists the"
          + " tables, Ctrl-C cancels a running statement, Ctrl-D quits), or the statements"
          + " read from standard input when standard input or output is not a terminal.",
      "Exact decimal helpers: fifo_add, fifo_subtract, fifo_multiply, fifo_divide (Spark's own"
          + " decimal operators keep fewer than 18 decimals on DECIMAL(38,18); SUM is exact)."
    })
final class SqlCommand extends PipelineCommand {
  /** The prompt's history, like psql's and duckdb's: in the user's home folder. */
  static final String HISTORY_FILE = ".fifo-pipeline_history";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "QUERY",
      description = "e.g. \"SELECT symbol, sum(pnl) FROM fifo_allocations GROUP BY symbol\"")
  String query;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "csv|table",
      description = "Output format (default: table).")
  ResultFormat format;

  @Option(
      names = "--limit",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Rows shown by --format table (default: 1000).")
  int limit;

  @Override
  int run(PipelineContext context) {
    Settings settings = context.settings();
    if (query != null) {
      SparkSettings session =
          SqlJob.sessionFor(
              settings.spark(), settings.lakePath(), settings.smallLakeBytes(), query);
      ResultPrinter.print(
          new SqlJob(context.lake(session)).query(query), format, limit, context.out());
      return ExitCode.OK.code();
    }
    boolean interactive = System.console() != null && top.in == System.in;
    String script = interactive ? null : readInput();
    SparkSettings session =
        SqlJob.sessionFor(
            settings.spark(),
            settings.lakePath(),
            settings.smallLakeBytes(),
            List.of(LakeTable.values()));
    SqlJob job = new SqlJob(context.lake(session));
    StatementRunner runner = new StatementRunner(job, format, limit);
    if (!interactive) {
      new SqlScript(runner).run(script, context.out());
      return ExitCode.OK.code();
    }
    context.err().println("sql: opening the lake at " + settings.lakePath() + " ...");
    runner.warmUp();
    try (Terminal terminal = TerminalBuilder.builder().system(true).jni(true).build()) {
      new SqlPrompt(
              terminal,
              runner,
              job.lake().spark().sparkContext(),
              Path.of(System.getProperty("user.home"), HISTORY_FILE))
          .run();
    } catch (IOException e) {
      throw Errors.promptUnavailable(e);
    }
    return ExitCode.OK.code();
  }

  private String readInput() {
    try {
      return new String(top.in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.stdinUnreadable(e);
    }
  }
}
