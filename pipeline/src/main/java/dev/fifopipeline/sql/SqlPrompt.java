package dev.fifopipeline.sql;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.PipelineException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.SparkContext;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive {@code sql} prompt on one warm session: JLine line editing and history,
 * statements ending with {@code ;} over as many lines as they need (one history entry each), the
 * commands of {@link StatementRunner}, and the time each statement took. Ctrl-C while a statement
 * runs cancels it ({@link Cancellation}) and keeps the prompt; Ctrl-C at the prompt drops the
 * statement being typed, and at an empty prompt ends it, as Ctrl-D and {@code \q} do. A failing
 * statement prints its one-line message and the prompt goes on.
 */
public final class SqlPrompt {
  static final String PROMPT = "sql> ";
  static final String CONTINUATION = "  -> ";
  private static final Logger LOG = LoggerFactory.getLogger(SqlPrompt.class);

  private final Terminal terminal;
  private final StatementRunner runner;
  private final Cancellation cancellation;
  private final Path history;

  /**
   * @param terminal where the prompt reads and prints (the console, or a dumb terminal on streams)
   * @param runner runs each statement
   * @param spark the session's context, whose jobs Ctrl-C cancels
   * @param history the history file, or null for none
   */
  public SqlPrompt(Terminal terminal, StatementRunner runner, SparkContext spark, Path history) {
    this.terminal = terminal;
    this.runner = runner;
    this.cancellation = new Cancellation(spark);
    this.history = history;
  }

  /** Reads and runs statements until {@code \q}, Ctrl-D, or Ctrl-C at an empty prompt. */
  public void run() {
    LineReaderBuilder builder =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("fifo-pipeline")
            .parser(new StatementParser())
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // ! is SQL, not history
            .option(LineReader.Option.INSERT_TAB, true); // no completion: a tab is a tab
    if (history != null) {
      builder.variable(LineReader.HISTORY_FILE, history);
    }
    LineReader reader = builder.build();
    PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
    // While a line is read, JLine handles Ctrl-C itself; between lines it is this handler's.
    Terminal.SignalHandler previous =
        terminal.handle(Terminal.Signal.INT, signal -> cancellation.cancel());
    try {
      out.println("Lake tables are views under their names; \\d lists them, \\? the commands.");
      while (true) {
        String text;
        try {
          text = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          if (e.getPartialLine() == null || e.getPartialLine().isBlank()) {
            return;
          }
          continue;
        } catch (EndOfFileException e) {
          return;
        }
        for (String statement : Statements.split(text)) {
          if (StatementRunner.isQuit(statement)) {
            return;
          }
          runOne(statement, out);
        }
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      out.flush();
      saveHistory(reader);
    }
  }

  private static void saveHistory(LineReader reader) {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      LOG.warn("could not save the sql history: {}", Errors.firstLine(e));
    }
  }

  private void runOne(String statement, PrintStream out) {
    long started = System.nanoTime();
    try {
      boolean done =
          cancellation.run("sql: " + oneLine(statement), () -> runner.run(statement, out));
      if (!done) {
        clearLine(); // Spark's progress bar clears itself after a job that ends, not one cancelled
      }
      out.println(
          String.format(
              Locale.ROOT,
              done ? "Time: %.3f s" : "Cancelled after %.3f s",
              (System.nanoTime() - started) / 1e9));
    } catch (PipelineException e) {
      out.println(e.getMessage());
    } catch (RuntimeException e) {
      LOG.debug("statement failed", e);
      out.println(Errors.queryFailed(e).getMessage());
    }
    out.flush();
  }

  private void clearLine() {
    terminal.puts(InfoCmp.Capability.carriage_return);
    terminal.puts(InfoCmp.Capability.clr_eol);
    terminal.flush();
  }

  private static String oneLine(String statement) {
    String line = statement.replaceAll("\\s+", " ");
    return line.length() <= 100 ? line : line.substring(0, 97) + "...";
  }

  /** Asks JLine for another line until the text typed so far ends a statement. */
  static final class StatementParser extends DefaultParser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE
          && !Statements.complete(line)
          && !StatementRunner.isQuit(line)) {
        throw new EOFError(-1, -1, "statement not ended with ;", "end with ;");
      }
      return super.parse(line, cursor, context);
    }
  }
}
