package dev.fifopipeline.sql;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.ResultFormat;
import dev.fifopipeline.output.ResultPrinter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Runs one statement of the {@code sql} prompt or of a script on stdin: SQL through {@link SqlJob},
 * or a prompt command. Commands: {@code \d} lists the lake's tables and their columns, {@code \d
 * TABLE} one table's columns and types, {@code \?} the commands; {@code \q} (or {@code quit},
 * {@code exit}) ends the prompt and is the caller's to handle ({@link #isQuit}).
 */
public final class StatementRunner {
  static final String HELP =
      String.join(
          "\n",
          "SQL statements end with ; and may span lines. Lake tables are views under their names.",
          "  \\d          the lake's tables and their columns",
          "  \\d TABLE    the columns of TABLE with their types",
          "  \\?          this help",
          "  \\q          quit (also quit, exit, Ctrl-D, or Ctrl-C at an empty prompt)",
          "Ctrl-C while a statement runs cancels it.");

  private final SqlJob job;
  private final ResultFormat format;
  private final int limit;

  /**
   * @param job the lake and its session
   * @param format how results print
   * @param limit the rows a table shows at most
   */
  public StatementRunner(SqlJob job, ResultFormat format, int limit) {
    this.job = job;
    this.format = format;
    this.limit = limit;
  }

  /** Whether {@code statement} asks to end the prompt or the script. */
  public static boolean isQuit(String statement) {
    String s = statement.strip().toLowerCase(Locale.ROOT);
    return s.equals("\\q") || s.equals("quit") || s.equals("exit");
  }

  /**
   * Opens every lake table once and counts the rows of the first, so that the first statement finds
   * the tables' Delta logs read and Spark's scan, aggregate and job code run once. The first query
   * on each other table still reads that table's file list.
   */
  public void warmUp() {
    List<String> tables = job.registerTables(List.of(LakeTable.values()));
    job.query(tables.isEmpty() ? "SELECT 1" : "SELECT count(*) FROM " + tables.get(0))
        .collectAsList();
  }

  /**
   * Runs {@code statement} (without its {@code ;}) and prints what it answers to {@code out}.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) for a statement that does not parse,
   *     names unknown tables or columns, would write the lake, fails while running, or an unknown
   *     command
   */
  public void run(String statement, PrintStream out) {
    if (!Statements.isCommand(statement)) {
      ResultPrinter.print(job.query(statement), format, limit, out);
      return;
    }
    String[] words = statement.strip().split("\\s+");
    if (words[0].equals("\\d") && words.length == 1) {
      TableListing.printTables(job.lake().asBeforeUnfinishedRun(), format, out);
    } else if (words[0].equals("\\d") && words.length == 2) {
      ResultPrinter.print(
          TableListing.columns(job.lake().asBeforeUnfinishedRun(), words[1]),
          format,
          Integer.MAX_VALUE - 1,
          out);
    } else if (words[0].equals("\\?") || words[0].equals("\\h")) {
      out.println(HELP);
      out.flush();
    } else {
      throw Errors.unknownPromptCommand(statement.strip());
    }
  }
}
