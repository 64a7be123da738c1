package dev.fifopipeline.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.output.ResultFormat;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive prompt, fed through a dumb JLine terminal on streams: what a person types goes
 * in, what the terminal shows comes out. Ctrl-C is raised on the terminal as JLine raises it when
 * the process gets SIGINT.
 */
@Tag("spark")
class SqlPromptTest {
  /** About 10^10 rows interpreted: hours on two cores, unless cancelled. */
  static final String LONG_QUERY =
      "SELECT sum((a.id * b.id) % 7) AS s FROM range(0, 100000) a CROSS JOIN range(0, 100000) b";

  private static TempLake temp;

  @BeforeAll
  static void lake() {
    temp = new TempLake();
    Ledgers.ingest(temp, Ledgers.BASIC);
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  @Test
  void statementsSpanLinesTablesAreListedAndFailuresKeepThePrompt(@TempDir Path home)
      throws IOException {
    Path history = home.resolve("history");
    String shown =
        session(
            new ByteArrayInputStream(
                String.join(
                        "\n",
                        "\\d",
                        "SELECT count(*) AS trades",
                        "  FROM trade_records",
                        "  WHERE side = 'buy';",
                        "\\d trade_records",
                        "SELECT nope FROM trade_records;",
                        "SELECT 'a;b' AS s; SELECT 1 + 1 AS two;",
                        "\\q",
                        "SELECT 'after quit' AS never;",
                        "")
                    .getBytes(StandardCharsets.UTF_8)),
            history,
            ResultFormat.TABLE);

    assertTrue(
        shown.contains("trade_records  order_id, account, symbol, side, order_time,"), shown);
    assertTrue(shown.contains("(1 table; \\d TABLE shows a table's column types)"), shown);
    assertTrue(shown.contains("trades\n------\n3\n(1 row)"), shown);
    assertTrue(shown.matches("(?s).*\norder_time +\\| timestamp\n.*"), shown);
    assertTrue(shown.contains("sql> Cannot run query: [UNRESOLVED_COLUMN"), shown);
    assertTrue(shown.contains("a;b\n(1 row)"), shown);
    assertTrue(shown.contains("two\n---\n2\n(1 row)"), shown);
    assertTrue(shown.contains("Time: "), shown);
    assertFalse(shown.contains("after quit"), shown);
    String saved = Files.readString(history);
    assertTrue(saved.contains("FROM trade_records"), saved);
    assertTrue(saved.contains("SELECT 1 + 1 AS two;"), saved);
  }

  @Test
  void ctrlDEndsIt() throws IOException {
    String shown = session(input("SELECT 41 + 1 AS answer;\n"), null, ResultFormat.CSV);
    assertTrue(shown.contains("answer\n42\n"), shown);
  }

  @Test
  void ctrlCDropsAStatementBeingTypedAndEndsAnEmptyPrompt() throws Exception {
    PipedOutputStream keys = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keys, 1 << 16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal terminal = dumbTerminal(in, out)) {
      Thread session = new Thread(prompt(terminal, null, ResultFormat.CSV)::run, "prompt");
      session.start();
      awaitPrompts(out, 1);
      type(keys, "SELECT 'dropped' AS x\n  FROM trade_records");
      awaitRead(in);
      terminal.raise(Terminal.Signal.INT);
      // type on once the prompt is back: a key typed while JLine handles Ctrl-C may be lost
      awaitPrompts(out, 2);
      type(keys, "SELECT 'kept' AS y;\n");
      awaitShown(out, "Time: ");
      awaitPrompts(out, 3);
      terminal.raise(Terminal.Signal.INT);
      session.join(Duration.ofSeconds(30).toMillis());
      assertFalse(session.isAlive(), "Ctrl-C at an empty prompt must end it");
      String shown = shown(out);
      assertFalse(shown.contains("dropped\n"), shown);
      assertTrue(shown.contains("y\nkept\n"), shown);
    }
  }

  @Test
  void ctrlCCancelsARunningStatementAndTheSessionAnswersTheNext() throws Exception {
    SparkContext spark = SharedSpark.session().sparkContext();
    PipedOutputStream keys = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keys, 1 << 16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal terminal = dumbTerminal(in, out)) {
      Thread session = new Thread(prompt(terminal, null, ResultFormat.CSV)::run, "prompt");
      session.start();
      type(keys, LONG_QUERY + ";\n");
      awaitRunningTasks(spark);
      long cancelled = System.nanoTime();
      terminal.raise(Terminal.Signal.INT);
      type(keys, "SELECT 41 + 1 AS answer;\n");
      keys.close(); // Ctrl-D
      session.join(Duration.ofSeconds(120).toMillis());
      assertFalse(session.isAlive(), "the prompt is still running the long query");
      double seconds = (System.nanoTime() - cancelled) / 1e9;
      String shown = shown(out);
      assertTrue(shown.contains("Cancelled after"), shown);
      assertTrue(shown.contains("answer\n42\n"), shown);
      assertFalse(shown.contains("\ns\n"), "the long query must not have answered: " + shown);
      assertTrue(seconds < 60, "cancel and the next query took " + seconds + " s");
    }
    // the cancelled job's tasks stopped: the executor runs nothing any more
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          while (spark.statusTracker().getExecutorInfos()[0].numRunningTasks() > 0) {
            Thread.sleep(100);
          }
        });
  }

  @Test
  void aCancelBeforeTheStatementsFirstJobStillCancelsIt() {
    SparkContext spark = SharedSpark.session().sparkContext();
    Cancellation cancellation = new Cancellation(spark);
    Thread ctrlC =
        new Thread(
            () -> {
              sleep(100);
              cancellation.cancel(); // while the statement still plans: no job to cancel yet
            });
    ctrlC.start();
    boolean done =
        assertTimeoutPreemptively(
            Duration.ofSeconds(90),
            () ->
                cancellation.run(
                    "test",
                    () -> {
                      sleep(1000);
                      SharedSpark.session().sql(LONG_QUERY).collectAsList();
                    }));
    assertFalse(done);
    assertEquals(
        42,
        SharedSpark.session().sql("SELECT 41 + 1").collectAsList().get(0).getInt(0),
        "the session answers after a cancel");
  }

  @Test
  void aStatementsFailureReachesTheCaller() {
    Cancellation cancellation = new Cancellation(SharedSpark.session().sparkContext());
    IllegalArgumentException thrown =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                cancellation.run(
                    "test",
                    () -> {
                      throw new IllegalArgumentException("boom");
                    }));
    assertEquals("boom", thrown.getMessage());
  }

  private static String session(InputStream in, Path history, ResultFormat format)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal terminal = dumbTerminal(in, out)) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(120), () -> prompt(terminal, history, format).run());
    }
    return shown(out);
  }

  private static String shown(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  private static SqlPrompt prompt(Terminal terminal, Path history, ResultFormat format) {
    return new SqlPrompt(
        terminal,
        new StatementRunner(new SqlJob(temp.lake()), format, 1000),
        SharedSpark.session().sparkContext(),
        history);
  }

  /**
   * A dumb terminal reads its input only as the prompt asks for it (a terminal on streams from
   * {@code TerminalBuilder} pumps it ahead through a pseudo-terminal).
   */
  private static Terminal dumbTerminal(InputStream in, OutputStream out) throws IOException {
    return new DumbTerminal("test", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
  }

  private static InputStream input(String keys) {
    return new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8));
  }

  private static void type(OutputStream keys, String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /** Waits until the prompt has read every key typed, and a little more to take them in. */
  private static void awaitRead(PipedInputStream in) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (in.available() > 0) {
      assertTrue(System.nanoTime() < deadline, "the prompt does not read");
      Thread.sleep(20);
    }
    Thread.sleep(300);
  }

  /** Waits until the terminal has shown the prompt {@code n} times. */
  private static void awaitPrompts(ByteArrayOutputStream out, int n) throws InterruptedException {
    awaitShown(out, "(" + Pattern.quote(SqlPrompt.PROMPT) + ".*){" + n + "}");
  }

  /** Waits until what the terminal shows matches {@code regex} somewhere. */
  private static void awaitShown(ByteArrayOutputStream out, String regex)
      throws InterruptedException {
    Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!pattern.matcher(shown(out)).find()) {
      assertTrue(System.nanoTime() < deadline, "never shown: " + regex + " in\n" + shown(out));
      Thread.sleep(20);
    }
  }

  /** Waits until the long query's tasks run, so that the cancel hits running tasks. */
  private static void awaitRunningTasks(SparkContext spark) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (spark.statusTracker().getExecutorInfos()[0].numRunningTasks() == 0) {
      assertTrue(System.nanoTime() < deadline, "the long query never started a task");
      Thread.sleep(50);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
