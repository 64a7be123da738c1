package dev.fifopipeline.bench.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Stage {@code open-lots} (issue 15, target 4): a ledger of buys that are never sold, so every buy
 * stays an open lot of the inventory snapshot. It is ingested with the bench's heap and allocated
 * as {@code open-lots-allocate} with a 1 GB heap: memory must follow the open lots on the
 * executors, not gather them on the driver.
 */
final class OpenLots {
  /** The stages this class runs, as {@code --stages} names them. */
  static final List<String> OPTIONAL = List.of("open-lots");

  /** The heap of the measured allocate. */
  static final String ALLOCATE_HEAP = "1g";

  private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");

  private final Launcher launcher;

  OpenLots(Launcher launcher) {
    this.launcher = launcher;
  }

  /** Writes a ledger of {@code buys} buys over {@code symbols}, ingests and allocates it. */
  void run(int run, Path dir, long buys, int symbols, Consumer<Measurement> sink)
      throws IOException, InterruptedException {
    Path ledger = dir.resolve("open-lots.csv");
    write(ledger, buys, symbols);
    List<String> settings =
        List.of(
            "lake.path=" + dir.resolve("lake-open-lots"),
            "source.kind=csv",
            "source.path=" + ledger);
    Measurement ingest = launcher.stage("open-lots-ingest", run, buys, settings, "ingest");
    sink.accept(ingest);
    if (ingest.ok()) {
      sink.accept(
          launcher.stage(
              "open-lots-allocate",
              run,
              buys,
              ALLOCATE_HEAP,
              settings,
              "allocate",
              "--version",
              "1"));
    }
  }

  /** One buy a second, round-robin over the symbols, sizes and prices varying a little. */
  static void write(Path out, long buys, int symbols) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("order_id,symbol,side,order_time,price,size,fees");
      w.newLine();
      for (long i = 0; i < buys; i++) {
        w.write("open-");
        w.write(Long.toString(i));
        w.write(",S");
        w.write(Long.toString(i % symbols));
        w.write("-USD,buy,");
        w.write(FIRST.plusSeconds(i).toString());
        w.write(",");
        w.write(Long.toString(100 + i % 97));
        w.write(".25,0.0");
        w.write(Long.toString(1 + i % 9));
        w.write(",0.01");
        w.newLine();
      }
    }
  }
}
