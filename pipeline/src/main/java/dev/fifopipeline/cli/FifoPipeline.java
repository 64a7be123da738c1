package dev.fifopipeline.cli;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SettingsLoader;
import dev.fifopipeline.error.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: global options, shared by every subcommand. */
@Command(
    name = "fifo-pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = FifoPipeline.Version.class,
    description = {
      "Lot-matching accounting for a trading bot's ledger: ingest trades, match sells to buy lots"
          + " (fifo, lifo, hifo), validate, query.",
      ""
    },
    subcommands = {
      IngestCommand.class,
      AllocateCommand.class,
      ValidateCommand.class,
      PublishCommand.class,
      ReconcileCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      SqlCommand.class,
      NightlyCommand.class,
      DoctorCommand.class,
      MaintainCommand.class,
      GenerateCommand.class,
      RegisterTablesCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 an invariant is broken, 2 wrong usage, 3 environment (database,"
          + " lake), 4 internal error, 52 out of memory (raise FIFO_DRIVER_MEMORY).",
      "Configuration: pipeline/src/main/resources/reference.conf lists every key."
    })
final class FifoPipeline implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Configuration file (default: conf/application.conf under pipeline.home).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      scope = ScopeType.INHERIT,
      description = "Override one setting, e.g. --set lake.path=/data/lake. Repeatable.")
  List<String> sets = new java.util.ArrayList<>();

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show Spark's own log messages on the console too.")
  boolean verbose;

  final java.io.InputStream in;
  final java.io.PrintStream out;
  final java.io.PrintStream err;
  private final Map<String, String> environment;
  private final Path defaultHome;
  final Pause pause;

  FifoPipeline(
      java.io.InputStream in,
      java.io.PrintStream out,
      java.io.PrintStream err,
      Map<String, String> environment,
      Path defaultHome,
      Pause pause) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.defaultHome = defaultHome;
    this.pause = pause;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return dev.fifopipeline.error.ExitCode.USAGE.code();
  }

  /** Loads the settings from the global options, the environment and the files. */
  Settings settings() {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String pair : sets) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw Errors.badOverride(pair);
      }
      overrides.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
    }
    return SettingsLoader.load(
        new SettingsLoader.Request(config, overrides, environment, defaultHome));
  }

  /** Prints the version of the pipeline and of the Spark and Delta it was built with. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in =
          FifoPipeline.class.getResourceAsStream("/fifo-pipeline-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "fifo-pipeline "
            + p.getProperty("version", "unknown")
            + " (Spark "
            + p.getProperty("spark", "?")
            + ", Delta Lake "
            + p.getProperty("delta", "?")
            + ")"
      };
    }
  }
}
