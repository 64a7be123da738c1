package dev.fifopipeline.bench.peers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one peer run did and how long it took.
 *
 * @param trades ledger rows kept (valid, first of each order_id)
 * @param allocations allocation rows written, matched and unmatched
 * @param millis wall clock of the whole run: reading the CSV, matching, writing the output
 * @param phases wall clock of the run's phases in the order they ran (e.g. load, match, write),
 *     adding up to about {@code millis}
 */
public record PeerResult(long trades, long allocations, long millis, Map<String, Long> phases) {
  /** Keeps the phases' order. */
  public PeerResult {
    phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
  }

  /** The phases as {@code load 120 ms, match 300 ms, ...}. */
  public String phaseSummary() {
    return phases.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue() + " ms")
        .collect(Collectors.joining(", "));
  }
}
