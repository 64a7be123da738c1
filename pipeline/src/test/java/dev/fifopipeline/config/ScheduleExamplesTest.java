package dev.fifopipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduling examples under {@code conf/} parse and say which exit codes they rely on. Each
 * file is always parsed in Java; where the real tool is on the machine ({@code systemd-analyze},
 * {@code python3}) it checks the file too, so a missing tool never turns the test into a skip.
 */
@Tag("unit")
class ScheduleExamplesTest {
  private static final Path ROOT =
      Path.of(System.getProperty("fifo.project.root", "..")).toAbsolutePath().normalize();
  private static final Path SERVICE = ROOT.resolve("conf/systemd/fifo-pipeline.service");
  private static final Path TIMER = ROOT.resolve("conf/systemd/fifo-pipeline.timer");
  private static final Path EVERY = ROOT.resolve("conf/systemd/fifo-pipeline-every.service");
  private static final Path DAG = ROOT.resolve("conf/airflow/fifo_pipeline_dag.py");
  private static final String INSTALLED_HOME = "/opt/fifo-pipeline";

  @TempDir Path temp;

  @Test
  void theSystemdServiceRunsTheLauncherOnceAndTheTimerStartsItEveryFiveMinutes()
      throws IOException, InterruptedException {
    Map<String, Map<String, String>> service = ini(SERVICE);
    assertEquals("oneshot", service.get("Service").get("Type"));
    String exec = service.get("Service").get("ExecStart");
    assertEquals(INSTALLED_HOME + "/pipeline/bin/fifo-pipeline nightly", exec);
    assertEquals("0", service.get("Service").get("SuccessExitStatus"));
    assertTrue(Files.isExecutable(ROOT.resolve("pipeline/bin/fifo-pipeline")), "the launcher");

    Map<String, Map<String, String>> timer = ini(TIMER);
    assertEquals("*:0/5", timer.get("Timer").get("OnCalendar"));
    assertEquals(SERVICE.getFileName().toString(), timer.get("Timer").get("Unit"));
    assertEquals("timers.target", timer.get("Install").get("WantedBy"));

    verifyWithSystemd(SERVICE, TIMER);
  }

  @Test
  void theLongRunningServiceRepeatsTheNightlyAndIsNotRestartedAfterAUsageError()
      throws IOException, InterruptedException {
    Map<String, Map<String, String>> service = ini(EVERY);
    assertEquals("simple", service.get("Service").get("Type"));
    assertEquals(
        INSTALLED_HOME + "/pipeline/bin/fifo-pipeline nightly --every 5m",
        service.get("Service").get("ExecStart"));
    assertEquals("on-failure", service.get("Service").get("Restart"));
    assertEquals("2", service.get("Service").get("RestartPreventExitStatus"));
    assertEquals("multi-user.target", service.get("Install").get("WantedBy"));
    verifyWithSystemd(EVERY);
  }

  /**
   * Where {@code systemd-analyze} is on the machine, it must verify {@code files} as installed in
   * this checkout (so that ExecStart names a real executable) without a word about them.
   */
  private void verifyWithSystemd(Path... files) throws IOException, InterruptedException {
    if (!onPath("systemd-analyze")) {
      return;
    }
    Path units = Files.createDirectories(temp.resolve("units"));
    List<String> command = new java.util.ArrayList<>(List.of("systemd-analyze", "verify"));
    for (Path unit : files) {
      Path installed = units.resolve(unit.getFileName());
      Files.writeString(installed, Files.readString(unit).replace(INSTALLED_HOME, ROOT.toString()));
      command.add(installed.toString());
    }
    Result verify = run(command);
    assertEquals(0, verify.exit(), "systemd-analyze verify: " + verify.output());
    // a setting it cannot parse is only a warning ("..., ignoring") naming the file
    assertFalse(verify.output().contains(units.toString()), "warnings: " + verify.output());
  }

  @Test
  void theAirflowDagParsesAndSubmitsTheApplicationWithSparkSubmitOperator()
      throws IOException, InterruptedException {
    String dag = Files.readString(DAG, StandardCharsets.UTF_8);
    assertTrue(
        dag.contains(
            "from airflow.providers.apache.spark.operators.spark_submit import"
                + " SparkSubmitOperator"),
        "imports SparkSubmitOperator");
    assertTrue(dag.contains("java_class=\"dev.fifopipeline.cli.Main\""), "the main class");
    assertTrue(dag.contains("max_active_runs=1"), "runs never overlap");
    assertBalanced(dag);
    if (onPath("python3")) {
      String script =
          "import ast, sys\n"
              + "tree = ast.parse(open(sys.argv[1]).read(), sys.argv[1])\n"
              + "calls = sorted({n.func.id for n in ast.walk(tree)"
              + " if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)})\n"
              + "print(' '.join(calls))\n";
      Result parse = run(List.of("python3", "-c", script, DAG.toString()));
      assertEquals(0, parse.exit(), "python3 parses the DAG: " + parse.output());
      assertTrue(parse.output().contains("SparkSubmitOperator"), parse.output());
      assertTrue(parse.output().contains("DAG"), parse.output());
    }
  }

  @Test
  void eachExampleStatesTheExitCodesItReliesOn() throws IOException {
    for (Path file : List.of(SERVICE, DAG, ROOT.resolve("README.md"))) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      for (String code : List.of("0", "1", "2", "3")) {
        assertTrue(
            Pattern.compile("(?m)^[#| ]*" + code + "[ |]+\\S").matcher(text).find(),
            file.getFileName() + " explains exit code " + code);
      }
    }
  }

  /** A systemd unit file as sections of keys; the last value of a repeated key wins. */
  private static Map<String, Map<String, String>> ini(Path file) throws IOException {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> section = null;
    int number = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = new LinkedHashMap<>();
        sections.put(line.substring(1, line.length() - 1), section);
        continue;
      }
      int equals = line.indexOf('=');
      assertTrue(section != null && equals > 0, file + ":" + number + " is not key=value: " + raw);
      assertTrue(!line.endsWith("\\"), file + ":" + number + ": no continuation lines expected");
      section.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
    }
    return sections;
  }

  /** Brackets and triple-quoted strings pair up, outside strings and comments. */
  private static void assertBalanced(String python) {
    String code =
        python
            .replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
            .replaceAll("(?m)#.*$", "")
            .replaceAll("\"[^\"\\n]*\"", "\"\"")
            .replaceAll("'[^'\\n]*'", "''");
    assertTrue(!code.contains("\"\"\""), "an unclosed docstring");
    List<Character> open = new ArrayList<>();
    for (char c : code.toCharArray()) {
      if ("([{".indexOf(c) >= 0) {
        open.add(c);
      } else if (")]}".indexOf(c) >= 0) {
        assertTrue(!open.isEmpty(), "unbalanced " + c);
        char last = open.remove(open.size() - 1);
        assertEquals("([{".indexOf(last), ")]}".indexOf(c), "mismatched " + last + " " + c);
      }
    }
    assertTrue(open.isEmpty(), "unclosed " + open);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private record Result(int exit, String output) {}

  private Result run(List<String> command) throws IOException, InterruptedException {
    Path output = temp.resolve("output.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " timed out");
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
