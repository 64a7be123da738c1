package dev.fifopipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.report.ReportKind;
import dev.fifopipeline.testing.KernelReader;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar on a real Spark standalone cluster: a master and a worker started on
 * 127.0.0.1 from the build's Spark jars ({@code pipeline/target/spark-jars}), {@code nightly} and
 * {@code report all} submitted with Spark's own {@code SparkSubmit} (client mode, two executors in
 * JVMs of their own, the Java 17 flags passed to them as a cluster user must), and the lake
 * compared row for row with a {@code local[*]} run of the launcher. The commands are those of
 * README "Running on a cluster".
 */
@Tag("process")
class ClusterIT {
  private static final Path ROOT =
      Path.of(System.getProperty("fifo.project.root", "..")).toAbsolutePath().normalize();
  private static final Path SPARK_JARS = ROOT.resolve("pipeline/target/spark-jars");
  private static final Path LAUNCHER = ROOT.resolve("pipeline/bin/fifo-pipeline");

  /** Columns that hold when or in which run a row was written, not what it says. */
  private static final Set<String> RUN_COLUMNS =
      Set.of(
          "batch_id",
          "computed_at",
          "started_at",
          "duration_ms",
          "detected_at",
          "lake_ingested_at",
          "ledger_through");

  @TempDir Path work;
  private final List<Process> daemons = new ArrayList<>();

  @AfterEach
  void stopCluster() throws InterruptedException {
    for (Process daemon : daemons) {
      daemon.destroy();
      if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
      }
    }
  }

  @Test
  void nightlyAndReportOnAStandaloneClusterWriteTheLakeALocalRunWrites() throws Exception {
    Path sparkHome = Files.createDirectories(work.resolve("spark-home"));
    Files.createSymbolicLink(sparkHome.resolve("jars"), SPARK_JARS);
    int port = freePort();
    String master = "spark://127.0.0.1:" + port;
    start(
        "master",
        sparkHome,
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        String.valueOf(port),
        "--webui-port",
        String.valueOf(freePort()));
    awaitLog("master", "I have been elected leader");
    Path workerDir = Files.createDirectories(work.resolve("worker"));
    start(
        "worker",
        sparkHome,
        "org.apache.spark.deploy.worker.Worker",
        "--host",
        "127.0.0.1",
        "--cores",
        "2",
        "--memory",
        "2g",
        "--webui-port",
        String.valueOf(freePort()),
        "--work-dir",
        workerDir.toString(),
        master);
    awaitLog("worker", "Successfully registered with master");

    Path clusterLake = work.resolve("lake-cluster");
    Result nightly = submit(master, clusterLake, "nightly");
    assertEquals(0, nightly.exit(), nightly.toString());
    assertTrue(nightly.out().contains("all 6 invariants hold"), nightly.toString());
    Result report = submit(master, clusterLake, "report", "all", "--version", "1");
    assertEquals(0, report.exit(), report.toString());
    assertTrue(executorJvmsRan(workerDir) >= 2, "two executors of their own in " + workerDir);

    Path localLake = work.resolve("lake-local");
    Result local = launcher(localLake, "nightly");
    assertEquals(0, local.exit(), local.toString());

    KernelReader reader = new KernelReader();
    for (LakeTable table : LakeTable.values()) {
      if (YEAR_TABLES.contains(table)) {
        continue; // written only by report tax --year, which neither run makes
      }
      String name = table.tableName();
      List<String> expected = reader.rows(localLake.resolve(name).toString(), RUN_COLUMNS);
      List<String> actual = reader.rows(clusterLake.resolve(name).toString(), RUN_COLUMNS);
      assertTrue(!expected.isEmpty(), name + " has rows");
      assertEquals(expected, actual, name + ": the cluster's rows are the local run's");
    }
  }

  /** The tables only a report of one tax year writes, which neither run makes. */
  private static final List<LakeTable> YEAR_TABLES = ReportKind.yearTables();

  /**
   * The Java 17 flags of this JVM (Spark's own list, from the build) and its compiler choice, for
   * every JVM started.
   */
  private static List<String> javaFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-opens")
                    || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
                    || a.startsWith("-XX:TieredStopAtLevel")
                    || a.startsWith("-XX:ReservedCodeCacheSize")
                    || a.startsWith("-Djdk.reflect.useDirectMethodHandle"))
        .toList();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void start(String name, Path sparkHome, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
    command.addAll(javaFlags());
    command.addAll(List.of("-cp", SPARK_JARS + File.separator + "*", mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(work.resolve(name + ".log").toFile());
    environment(builder.environment(), sparkHome);
    daemons.add(builder.start());
  }

  private static void environment(Map<String, String> env, Path sparkHome) {
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12"); // no build folders to guess it from
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
  }

  private void awaitLog(String name, String line) throws IOException, InterruptedException {
    Path log = work.resolve(name + ".log");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " did not log '" + line + "':\n" + Files.readString(log));
  }

  record Result(int exit, String out, String err) {}

  /**
   * spark-submit, as {@code spark-submit --master M --class dev.fifopipeline.cli.Main --conf ...
   * app.jar ARGS} runs it: Spark's {@code SparkSubmit} in a JVM of its own (the driver, client
   * mode).
   */
  private Result submit(String master, Path lake, String... args) throws Exception {
    String executorFlags = String.join(" ", javaFlags()) + " -Duser.timezone=UTC";
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-Duser.timezone=UTC"));
    command.addAll(javaFlags());
    command.addAll(
        List.of(
            "-cp",
            SPARK_JARS + File.separator + "*",
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            master,
            "--deploy-mode",
            "client",
            "--name",
            "fifo-pipeline-cluster-it",
            "--class",
            "dev.fifopipeline.cli.Main",
            "--conf",
            "spark.executor.cores=1",
            "--conf",
            "spark.executor.memory=768m",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.executor.extraJavaOptions=" + executorFlags,
            applicationJar().toString(),
            "--set",
            "pipeline.home=" + ROOT,
            "--set",
            "lake.path=" + lake,
            "--set",
            "report.out=" + work.resolve("reports-cluster")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    environment(builder.environment(), work.resolve("spark-home"));
    return run(builder, "submit-" + args[0]);
  }

  private Result launcher(Path lake, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put("FIFO_LAKE_PATH", lake.toString());
    builder.environment().put("FIFO_REPORT_OUT", work.resolve("reports-local").toString());
    builder.environment().put("FIFO_LOG_DIR", work.resolve("logs-local").toString());
    return run(builder, "local-" + args[0]);
  }

  private Result run(ProcessBuilder builder, String name) throws Exception {
    Path out = work.resolve(name + ".out");
    Path err = work.resolve(name + ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(name + " timed out:\n" + Files.readString(err));
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        tail(Files.readString(err, StandardCharsets.UTF_8)));
  }

  private static String tail(String text) {
    return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
  }

  private static Path applicationJar() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("pipeline/target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("fifo-pipeline-[0-9].*\\.jar"))
          .filter(p -> !p.getFileName().toString().contains("sources"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no application jar: run mvn package first"));
    }
  }

  /** Executor JVMs the worker ran: one folder with a stderr file per executor, per application. */
  private static long executorJvmsRan(Path workerDir) throws IOException {
    try (Stream<Path> files = Files.walk(workerDir)) {
      return files.filter(p -> p.getFileName().toString().equals("stderr")).count();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
