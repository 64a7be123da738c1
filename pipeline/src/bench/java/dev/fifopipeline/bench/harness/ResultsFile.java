package dev.fifopipeline.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bench's results as markdown (for BENCHMARKS.md) and, beside it with the extension {@code
 * .json}, everything in machine-readable form.
 *
 * @param title e.g. {@code 1,000,000 trades over 1,000 symbols}
 * @param command the exact command line
 * @param date ISO-8601 UTC start of the bench
 * @param machine where it ran
 * @param settings the bench's settings (master, heap, PostgreSQL, ...)
 * @param measurements every timed process, in run order
 * @param agreements the peers' agreement with the product (run 1)
 * @param targets the targets of issues 5 and 15
 * @param schedule the schedule stage's variants (issue 16), empty when not run
 */
record ResultsFile(
    String title,
    String command,
    String date,
    Machine machine,
    Map<String, String> settings,
    List<Measurement> measurements,
    List<Agreement> agreements,
    List<Target> targets,
    List<ScheduleSummary> schedule) {

  static final String NOTES =
      """
      How to read this:
      - Every product stage is a `pipeline/bin/fifo-pipeline` process of its own on a fresh lake; its wall \
      time runs from process start to exit, so JVM and Spark session start-up are included. In local \
      mode Spark's driver and executors are one JVM: its heap is both.
      - Peak heap used is the largest heap occupancy in the JVM's GC log (`-Xlog:gc,gc+heap+exit`, \
      added through `FIFO_JAVA_OPTS`): the occupancy before each pause and at exit; between pauses it \
      is not logged, so the true peak can be up to one young generation higher. Committed is the heap \
      the JVM had reserved from the OS. Peak RSS is the process's VmHWM from `/proc`, polled every \
      100 ms (it includes DuckDB's native memory; PostgreSQL's work happens in the server, not in the \
      peer's process).
      - trades/s is the ledger's trades divided by the wall time, for every product stage (ingest-late: \
      the late rows); for COPY, rows copied per second of the COPY statement alone.
      - Peers run in JVMs of their own too; "own clock" is the time the peer measures from opening \
      the ledger to closing its output (no JVM start).
      - Targets use the best run of each figure; every run is listed.
      """;

  /** Writes {@code markdown} and the JSON beside it; returns the JSON's path. */
  Path write(Path markdown) throws IOException {
    Path parent = markdown.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(markdown, markdown(), StandardCharsets.UTF_8);
    String name = markdown.getFileName().toString();
    Path json = parent.resolve(name.replaceFirst("\\.md$", "") + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), this);
    return json;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# fifo-pipeline bench: ").append(title).append("\n\n");
    md.append("- Command: `").append(command).append("`\n");
    md.append("- Date: ").append(date).append('\n');
    md.append(
        "- Machine: %d cores, %.1f GiB, %s; %s; %s; load average %.2f at start\n"
            .formatted(
                machine.cores(),
                machine.memoryGb(),
                machine.cpu(),
                machine.java(),
                machine.os(),
                machine.loadAverage()));
    settings.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append(
        "\n## Targets (issues 5 and 15)\n\n| # | target | figures | status |\n|---|---|---|---|\n");
    for (Target t : targets) {
      md.append("| %d | %s | %s | %s |\n".formatted(t.number(), t.goal(), t.figure(), t.status()));
    }
    md.append("\n## Product stages\n\n");
    table(md, "product");
    md.append("\n## Peers\n\n");
    table(md, "peer");
    md.append("\n## PostgreSQL COPY baselines\n\n");
    table(md, "postgresql");
    if (!schedule.isEmpty()) {
      md.append("\n## Schedule (issue 16): incremental nightlies with a few late trades each\n\n");
      schedule.forEach(v -> md.append(v.markdown()).append('\n'));
    }
    md.append("\n## Peer agreement with the product (run 1)\n\n");
    if (agreements.isEmpty()) {
      md.append("- not checked (peers not run)\n");
    }
    for (Agreement a : agreements) {
      md.append("- ").append(a.peer()).append(": ").append(a.describe()).append('\n');
    }
    md.append("\n").append(NOTES);
    return md.toString();
  }

  private void table(StringBuilder md, String group) {
    md.append(
        "| name | run | wall s | own clock s | rows | rows/s | peak heap used MiB | heap committed MiB"
            + " | GC pauses (ms) | peak RSS MiB | exit | output |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Measurement m : measurements) {
      if (!m.group().equals(group)) {
        continue;
      }
      md.append(
          "| %s | %d | %.2f | %s | %,d | %,d | %s | %s | %s | %s | %d | %s |\n"
              .formatted(
                  m.name(),
                  m.run(),
                  m.wallSeconds(),
                  m.innerMillis() < 0 ? "" : "%.2f".formatted(m.innerMillis() / 1000.0),
                  m.rows(),
                  m.rowsPerSecond(),
                  figure(m.gc().peakUsedMb()),
                  figure(m.gc().peakCommittedMb()),
                  m.gc().pauses() == 0 && m.gc().peakUsedMb() < 0
                      ? ""
                      : "%d (%.0f)".formatted(m.gc().pauses(), m.gc().pauseMillis()),
                  figure(m.rssPeakMb()),
                  m.exitCode(),
                  m.output().replace("|", "\\|")));
    }
  }

  private static String figure(long value) {
    return value < 0 ? "" : Long.toString(value);
  }

  /** Settings in insertion order, for the constructor. */
  static Map<String, String> newSettings() {
    return new LinkedHashMap<>();
  }
}
