package dev.fifopipeline.cli;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.lake.RunLock;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import picocli.CommandLine.ParentCommand;

/**
 * Base of every subcommand: loads the settings once, runs the command with a {@link
 * PipelineContext}, and always stops the SparkSession, whatever happens.
 */
abstract class PipelineCommand implements Callable<Integer> {
  @ParentCommand FifoPipeline top;

  @picocli.CommandLine.Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Override
  public final Integer call() {
    if (top.verbose) {
      System.setProperty("fifo.console.level", "INFO");
      System.setProperty("fifo.root.level", "INFO");
      ((LoggerContext) LogManager.getContext(false)).reconfigure();
    }
    Settings settings = top.settings();
    try (PipelineContext context =
            new PipelineContext(settings, top.out, top.err, Clock.systemUTC());
        RunLock lock =
            writesLake()
                ? RunLock.acquire(settings.lakePath(), name(), settings.lockWait())
                : null) {
      return run(context);
    }
  }

  /** Whether the command writes the lake: such runs hold the lake's {@link RunLock}. */
  boolean writesLake() {
    return false;
  }

  private String name() {
    return getClass().getAnnotation(picocli.CommandLine.Command.class).name();
  }

  /**
   * Runs the command.
   *
   * @return the exit code
   * @throws dev.fifopipeline.error.PipelineException for failures the user can act on
   */
  abstract int run(PipelineContext context);
}
