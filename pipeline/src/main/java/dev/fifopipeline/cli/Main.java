package dev.fifopipeline.cli;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of {@code pipeline/bin/fifo-pipeline} and of {@code spark-submit}. Results go to
 * standard output; progress lines and errors to standard error; every failure is one line.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    System.exit(runMain(System.out, System.err, args));
  }

  /** Runs a command line with the process environment; returns the exit code. */
  public static int runMain(PrintStream out, PrintStream err, String... args) {
    return runMain(out, err, System.getenv(), defaultHome(), args);
  }

  /** Runs a command line with the given environment and home; returns the exit code. */
  public static int runMain(
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Path home,
      String... args) {
    return runMain(System.in, out, err, environment, home, args);
  }

  /**
   * Runs a command line reading {@code in} as its standard input (what {@code sql} without a query
   * reads when it is not a terminal); returns the exit code.
   */
  public static int runMain(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Path home,
      String... args) {
    return runMain(in, out, err, environment, home, Pause.SLEEP, args);
  }

  /**
   * {@link #runMain(InputStream, PrintStream, PrintStream, Map, Path, String...)} with the wait of
   * {@code nightly --every} between runs given.
   */
  static int runMain(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Path home,
      Pause pause,
      String... args) {
    FifoPipeline top = new FifoPipeline(in, out, err, environment, home, pause);
    CommandLine cli = new CommandLine(top);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          String command = e.getCommandLine().getCommandSpec().qualifiedName();
          err.println(e.getMessage().strip() + " (see " + command + " --help)");
          return ExitCode.USAGE.code();
        });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, err));
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) { // picocli hands exceptions to the handler, not errors
      return failed(e, err);
    }
  }

  /** Prints the one line of a failed command and returns its exit code. */
  static int failed(Throwable e, PrintStream err) {
    Throwable oom = e;
    while (oom != null && !(oom instanceof OutOfMemoryError)) {
      oom = oom.getCause();
    }
    if (oom != null) {
      e = Errors.outOfMemory((OutOfMemoryError) oom);
    }
    if (e instanceof PipelineException failure) {
      LOG.debug("failed", failure);
      err.println(failure.getMessage());
      return failure.exitCode().code();
    }
    LOG.error("internal error", e);
    err.println(
        "Internal error: "
            + Errors.firstLine(e)
            + " (a bug; the stack trace is in the log file "
            + System.getProperty("fifo.log.dir", System.getProperty("java.io.tmpdir"))
            + "/fifo-pipeline.log)");
    return ExitCode.INTERNAL.code();
  }

  /** The launcher's -Dfifo.home, else the working directory. */
  private static Path defaultHome() {
    return Path.of(System.getProperty("fifo.home", "."));
  }
}
