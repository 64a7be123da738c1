package dev.fifopipeline.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The product as a user runs it: {@code pipeline/bin/fifo-pipeline}, one process per stage, each
 * with its own JVM (in local mode Spark's driver and executors are that one JVM, so its heap is
 * both). The launcher's own classpath and Java 17 flags are used as they are; the bench adds a GC
 * log through {@code FIFO_JAVA_OPTS} (after any options already there) and sets the heap through
 * {@code FIFO_DRIVER_MEMORY}.
 */
final class Launcher {
  /**
   * Least heap of the generator: it holds one symbol's trades to put them in landing order, so a
   * hot symbol of 5M trades needs more than the 1 GB that target 3 gives the pipeline's stages.
   */
  static final String GENERATOR_HEAP = "4g";

  private final Path script;
  private final TimedProcess timer;
  private final String heap;
  private final List<String> settings;
  private final Map<String, String> secrets;
  private final String javaOptions;

  /**
   * @param home the repository root
   * @param heap {@code -Xmx} of each stage's JVM, e.g. {@code 4g}
   * @param settings {@code key=value} given to every command with {@code --set}
   * @param secrets further environment, e.g. {@code FIFO_SINK_JDBC_PASSWORD}
   * @param javaOptions JVM options added to every stage's, may be empty
   */
  Launcher(
      Path home,
      TimedProcess timer,
      String heap,
      List<String> settings,
      Map<String, String> secrets,
      String javaOptions) {
    this.javaOptions = javaOptions;
    this.script = home.resolve("pipeline/bin/fifo-pipeline");
    this.timer = timer;
    this.heap = heap;
    this.settings = List.copyOf(settings);
    this.secrets = Map.copyOf(secrets);
  }

  /** The command line for {@code args} with the bench's settings and {@code extra} ones. */
  List<String> command(List<String> extra, String... args) {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    for (String setting : settings) {
      command.add("--set");
      command.add(setting);
    }
    for (String setting : extra) {
      command.add("--set");
      command.add(setting);
    }
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Runs {@code fifo-pipeline [--set extra]... args} and measures it as product stage {@code stage}
   * of run {@code run}.
   */
  Measurement stage(String stage, int run, long rows, List<String> extra, String... args)
      throws IOException, InterruptedException {
    return stage(stage, run, rows, heap, extra, args);
  }

  /** As {@link #stage(String, int, long, List, String...)}, with a heap of its own. */
  Measurement stage(
      String stage, int run, long rows, String stageHeap, List<String> extra, String... args)
      throws IOException, InterruptedException {
    String id = "r" + run + "-" + stage;
    return timer.run("product", stage, run, id, rows, command(extra, args), env(id, stageHeap));
  }

  /**
   * Runs and measures the product's generator writing a ledger to {@code out}, with the larger of
   * the stages' heap and {@link #GENERATOR_HEAP}: the generator makes the input, it is not one of
   * the stages whose heap the bench is about.
   */
  Measurement generate(Path out, long trades, int symbols, long seed, double hotShare)
      throws IOException, InterruptedException {
    String id = "r1-generate";
    List<String> command =
        command(
            List.of(),
            "generate",
            "--out",
            out.toString(),
            "--trades",
            Long.toString(trades),
            "--symbols",
            Integer.toString(symbols),
            "--seed",
            Long.toString(seed),
            "--hot-share",
            Double.toString(hotShare));
    return timer.run("product", "generate", 1, id, trades, command, env(id, generatorHeap(heap)));
  }

  /** The generator's heap for stages given {@code heap}: never less than GENERATOR_HEAP. */
  static String generatorHeap(String heap) {
    return Target.heapMb(heap) >= Target.heapMb(GENERATOR_HEAP) ? heap : GENERATOR_HEAP;
  }

  /**
   * Starts {@code fifo-pipeline [--set extra]... args} as process {@code id}, output to its files
   * ({@link #output(String)}), and returns it running: for a command that keeps running.
   */
  Process start(String id, List<String> extra, String... args) throws IOException {
    return timer.start(id, command(extra, args), env(id, heap));
  }

  /** Runs a command that is not measured (set-up), failing when it fails. */
  void setUp(String id, List<String> extra, String... args)
      throws IOException, InterruptedException {
    Measurement m = timer.run("setup", id, 0, id, 0, command(extra, args), env(id, heap));
    if (!m.ok()) {
      throw new IOException(
          "set-up step " + id + " failed (exit " + m.exitCode() + "): " + m.output());
    }
  }

  /** The standard output file of process {@code id}. */
  Path output(String id) {
    return timer.output(id);
  }

  /** The standard error file of process {@code id}. */
  Path errors(String id) {
    return timer.errors(id);
  }

  private Map<String, String> env(String id, String heap) throws IOException {
    Map<String, String> env = new HashMap<>(secrets);
    String userOpts = System.getenv().getOrDefault("FIFO_JAVA_OPTS", "");
    env.put(
        "FIFO_JAVA_OPTS",
        String.join(" ", userOpts, javaOptions, GcLog.jvmOption(timer.gcLog(id))).strip());
    env.put("FIFO_DRIVER_MEMORY", heap);
    Path logs = timer.gcLog(id).resolveSibling("spark-" + id);
    Files.createDirectories(logs);
    env.put("FIFO_LOG_DIR", logs.toString());
    return env;
  }
}
