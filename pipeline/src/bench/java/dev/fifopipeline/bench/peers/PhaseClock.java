package dev.fifopipeline.bench.peers;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock timing of a run and its phases; started when made. */
final class PhaseClock {
  private final long start = System.nanoTime();
  private final Map<String, Long> phases = new LinkedHashMap<>();
  private long phaseStart = start;

  /** Ends the current phase under {@code name} and starts the next. */
  void lap(String name) {
    long now = System.nanoTime();
    phases.merge(name, (now - phaseStart) / 1_000_000, Long::sum);
    phaseStart = now;
  }

  /** The result of a run that ends now. */
  PeerResult result(long trades, long allocations) {
    return new PeerResult(trades, allocations, (System.nanoTime() - start) / 1_000_000, phases);
  }
}
