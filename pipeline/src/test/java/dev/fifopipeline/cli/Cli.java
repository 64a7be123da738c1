package dev.fifopipeline.cli;

import dev.fifopipeline.testing.SharedSpark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process against a temporary home, capturing what it prints. */
final class Cli {
  /** Exit code, standard output and standard error of one run. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private final Path home;
  private final Map<String, String> environment;

  Cli(Path home, Map<String, String> environment) {
    this.home = home;
    this.environment = environment;
    SharedSpark.session(); // join the test JVM's session instead of starting one per command
  }

  /** Runs {@code args} with the lake and sample paths of this home and two shuffle partitions. */
  Run run(String... args) {
    return runWithInput("", args);
  }

  /** Runs {@code args} as {@link #run} does, with {@code input} as standard input. */
  Run runWithInput(String input, String... args) {
    List<String> all = new ArrayList<>(List.of("--set", "spark.sql.shuffle.partitions=2"));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.runMain(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            environment,
            home,
            all.toArray(String[]::new));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
