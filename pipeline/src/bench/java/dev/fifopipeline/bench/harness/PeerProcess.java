package dev.fifopipeline.bench.harness;

import dev.fifopipeline.bench.peers.DuckDbFifo;
import dev.fifopipeline.bench.peers.JavaFloor;
import dev.fifopipeline.bench.peers.Peer;
import dev.fifopipeline.bench.peers.PeerResult;
import dev.fifopipeline.bench.peers.PostgresFifo;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One peer in a JVM of its own, so that it is timed and its heap read the same way as a product
 * stage: {@code PeerProcess NAME LEDGER.csv OUT.csv}, PostgreSQL from {@code FIFO_BENCH_PG_URL},
 * {@code FIFO_BENCH_PG_USER} and {@code FIFO_BENCH_PG_PASSWORD}. Prints one line: {@code NAME:
 * trades T, allocations A, millis M (phases)}.
 */
public final class PeerProcess {
  /** The peers, in the order a bench runs them. */
  static final List<String> NAMES = List.of("java-floor", "duckdb", "postgresql");

  private static final BigDecimal DOUBLE_PNL_TOLERANCE = new BigDecimal("0.0001");
  private static final Pattern MILLIS = Pattern.compile("millis (\\d+)");

  private PeerProcess() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: PeerProcess java-floor|duckdb|postgresql LEDGER.csv OUT.csv");
      System.exit(2);
    }
    Peer peer =
        switch (args[0]) {
          case "java-floor" -> new JavaFloor();
          case "duckdb" -> new DuckDbFifo();
          case "postgresql" ->
              new PostgresFifo(
                  System.getenv("FIFO_BENCH_PG_URL"),
                  System.getenv("FIFO_BENCH_PG_USER"),
                  System.getenv().getOrDefault("FIFO_BENCH_PG_PASSWORD", ""));
          default -> throw new IllegalArgumentException("no peer " + args[0] + "; one of " + NAMES);
        };
    PeerResult r = peer.run(Path.of(args[1]), Path.of(args[2]));
    System.out.printf(
        "%s: trades %d, allocations %d, millis %d (%s)%n",
        peer.name(), r.trades(), r.allocations(), r.millis(), r.phaseSummary());
  }

  /**
   * Runs every peer on {@code ledger} in turn, outputs in {@code runDir}, giving each measurement
   * to {@code sink}; when {@code product} (the product's allocations CSV) is not null, checks each
   * peer that finished against it.
   *
   * @return the agreement of each peer that finished, when checked
   */
  static List<Agreement> runAll(
      TimedProcess timer,
      int run,
      long rows,
      Path ledger,
      Path runDir,
      String heap,
      BenchDatabase db,
      Path product,
      Consumer<Measurement> sink)
      throws IOException, InterruptedException {
    List<Agreement> agreements = new ArrayList<>();
    for (String name : NAMES) {
      Path out = runDir.resolve(name + ".csv");
      Measurement m = run(timer, name, run, rows, ledger, out, heap, db);
      sink.accept(m);
      if (m.ok() && product != null && Files.exists(product)) {
        // DuckDB's pnl is DOUBLE: its total may differ from the exact one in the last digits
        BigDecimal tolerance = name.equals("duckdb") ? DOUBLE_PNL_TOLERANCE : BigDecimal.ZERO;
        agreements.add(Agreement.compare(name, product, out, tolerance));
      }
    }
    return agreements;
  }

  /**
   * Runs peer {@code name} on {@code ledger} in a new JVM (this one's java and classpath, heap
   * {@code heap}) and measures it.
   */
  static Measurement run(
      TimedProcess timer,
      String name,
      int run,
      long rows,
      Path ledger,
      Path out,
      String heap,
      BenchDatabase db)
      throws IOException, InterruptedException {
    String id = "r" + run + "-peer-" + name;
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx" + heap);
    command.add("-Duser.timezone=UTC");
    command.add(GcLog.jvmOption(timer.gcLog(id)));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PeerProcess.class.getName());
    command.addAll(List.of(name, ledger.toString(), out.toString()));
    Map<String, String> env =
        Map.of(
            "FIFO_BENCH_PG_URL", db.url,
            "FIFO_BENCH_PG_USER", db.user,
            "FIFO_BENCH_PG_PASSWORD", db.password);
    Measurement m = timer.run("peer", name, run, id, rows, command, env);
    Matcher millis = MILLIS.matcher(m.output());
    long inner = m.ok() && millis.find() ? Long.parseLong(millis.group(1)) : -1;
    return new Measurement(
        m.group(),
        m.name(),
        m.run(),
        m.wallMillis(),
        m.rows(),
        m.exitCode(),
        m.gc(),
        m.rssPeakMb(),
        inner,
        m.output());
  }
}
