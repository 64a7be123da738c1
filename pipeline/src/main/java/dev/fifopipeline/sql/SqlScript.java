package dev.fifopipeline.sql;

import java.io.PrintStream;

/**
 * Runs SQL given on standard input when it or the output is not a terminal ({@code echo "SELECT 1;"
 * | fifo-pipeline sql}): the statements in order, the same prompt commands, results only (no
 * prompt, no timings). The first failing statement stops the script with its error, so that a
 * scheduled script fails loudly; {@code \q} stops it quietly.
 */
public final class SqlScript {
  private final StatementRunner runner;

  public SqlScript(StatementRunner runner) {
    this.runner = runner;
  }

  /**
   * Runs the statements of {@code text}, printing their results to {@code out}.
   *
   * @return how many statements ran
   * @throws dev.fifopipeline.error.PipelineException from the first statement that fails
   */
  public int run(String text, PrintStream out) {
    int ran = 0;
    for (String statement : Statements.split(text)) {
      if (StatementRunner.isQuit(statement)) {
        break;
      }
      runner.run(statement, out);
      ran++;
    }
    return ran;
  }
}
