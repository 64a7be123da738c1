package dev.fifopipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, run as a user runs it: pipeline/bin/fifo-pipeline in its own JVM with
 * production settings (generated code, default shuffle partitions), on the bundled sample, from
 * another working directory. Runs in {@code mvn verify} after the jar is built.
 */
@Tag("process")
class LauncherIT {
  private static final Path ROOT =
      Path.of(System.getProperty("fifo.project.root", "..")).toAbsolutePath().normalize();
  private static final Path LAUNCHER = ROOT.resolve("pipeline/bin/fifo-pipeline");

  @TempDir Path work;

  record Result(int exit, String out, String err) {}

  private Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put("FIFO_LAKE_PATH", work.resolve("lake").toString());
    builder.environment().put("FIFO_LOG_DIR", work.resolve("logs").toString());
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "launcher timed out");
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void nightlyOnTheBundledSampleThenQueriesTheLake() throws Exception {
    Result nightly = run("nightly");
    assertEquals(0, nightly.exit(), nightly.toString());
    assertTrue(
        nightly.out().contains("ingest: read 2,748 / new 2,743 / unchanged 0 / quarantined 5"),
        nightly.out());
    assertTrue(nightly.out().contains("all 6 invariants hold"), nightly.out());
    assertTrue(
        nightly.err().contains("allocate v1 (fifo, full): matching"),
        "step lines on stderr: " + nightly.err());
    assertTrue(
        !nightly.err().contains(" INFO ") && !nightly.err().contains(" WARN "),
        "no Spark noise: " + nightly.err());
    assertTrue(
        Files.size(work.resolve("logs/fifo-pipeline.log")) > 0,
        "Spark's messages go to the log file");

    Result sapien =
        run(
            "sql",
            "SELECT sell_order_id, buy_order_id, pnl FROM fifo_allocations WHERE symbol = 'SAPIEN-USD' ORDER BY sell_time",
            "--format",
            "csv");
    assertEquals(0, sapien.exit(), sapien.toString());
    assertEquals(
        "sell_order_id,buy_order_id,pnl\n5e1f0c33,2bc16f9a,0.870115\nb92820e6,244dfcaf,-0.308933\n",
        sapien.out());
    try (var entries = Files.list(work)) {
      assertEquals(
          java.util.Set.of("lake", "logs", "out.txt", "err.txt"),
          entries.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
          "nothing but what the test asked for is written to the working directory");
    }
    // exit codes and messages of wrong usage: CommandLineTest, in-process
  }

  @Test
  void aMissingBuildSaysWhichCommandBuildsIt() throws Exception {
    Path fakeHome = work.resolve("checkout");
    Files.createDirectories(fakeHome.resolve("pipeline/bin"));
    Path copy = Files.copy(LAUNCHER, fakeHome.resolve("pipeline/bin/fifo-pipeline"));
    copy.toFile().setExecutable(true);
    Process p = new ProcessBuilder(copy.toString(), "nightly").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(3, p.exitValue(), output);
    assertTrue(output.contains("mvn -q -DskipTests package"), output);
  }
}
