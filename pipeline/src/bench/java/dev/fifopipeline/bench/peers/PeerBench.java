package dev.fifopipeline.bench.peers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the peers one after the other on one ledger CSV and prints, per peer, its name, trades kept,
 * allocations written, wall-clock milliseconds and phases.
 *
 * <p>{@code PeerBench LEDGER.csv OUT_DIR}: allocations go to {@code OUT_DIR/<peer>.csv}. PostgreSQL
 * is the server in {@code FIFO_BENCH_PG_URL} (with {@code FIFO_BENCH_PG_USER} and {@code
 * FIFO_BENCH_PG_PASSWORD}), else an embedded one started for the run (its start-up is not timed).
 * From Maven: {@code mvn -B -q -Pbench -pl pipeline test-compile exec:java -Dexec.args="LEDGER.csv
 * OUT_DIR"}.
 */
public final class PeerBench {
  private PeerBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: PeerBench LEDGER.csv OUT_DIR");
      System.exit(2);
    }
    Path ledger = Path.of(args[0]);
    Path outDir = Path.of(args[1]);
    String url = System.getenv("FIFO_BENCH_PG_URL");
    if (url != null && !url.isBlank()) {
      List<Peer> peers =
          List.of(
              new JavaFloor(),
              new DuckDbFifo(),
              new PostgresFifo(
                  url, env("FIFO_BENCH_PG_USER", "postgres"), env("FIFO_BENCH_PG_PASSWORD", "")));
      runAll(ledger, outDir, peers, System.out);
      return;
    }
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String embeddedUrl = pg.getJdbcUrl("postgres", "postgres");
      List<Peer> peers =
          List.of(new JavaFloor(), new DuckDbFifo(), new PostgresFifo(embeddedUrl, "postgres", ""));
      runAll(ledger, outDir, peers, System.out);
    }
  }

  /**
   * Runs {@code peers} in order on {@code ledger}, writing {@code outDir/<name>.csv}, and prints a
   * line per peer to {@code out} as it finishes.
   *
   * @return each peer's result by name, in run order
   */
  public static Map<String, PeerResult> runAll(
      Path ledger, Path outDir, List<Peer> peers, PrintStream out) throws Exception {
    Files.createDirectories(outDir);
    Map<String, PeerResult> results = new LinkedHashMap<>();
    out.printf("%-12s %12s %12s %10s  %s%n", "peer", "trades", "allocations", "ms", "phases");
    for (Peer peer : peers) {
      PeerResult r = peer.run(ledger, outDir.resolve(peer.name() + ".csv"));
      results.put(peer.name(), r);
      out.printf(
          "%-12s %,12d %,12d %,10d  %s%n",
          peer.name(), r.trades(), r.allocations(), r.millis(), r.phaseSummary());
    }
    return results;
  }

  /** The peers every run compares: the Java floor, DuckDB, and PostgreSQL at {@code pgUrl}. */
  public static List<Peer> standardPeers(String pgUrl, String pgUser, String pgPassword) {
    return new ArrayList<>(
        List.of(new JavaFloor(), new DuckDbFifo(), new PostgresFifo(pgUrl, pgUser, pgPassword)));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
