package dev.fifopipeline.validate;

import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.ChangedSymbols;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeState;
import dev.fifopipeline.lake.LakeTable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the last validate that found every invariant holding proved about a version: the commit of
 * each table it read, kept in {@code <lake>/_fifo/state/proof-v<N>.json}. From it and Delta's
 * change data feed a later validate learns which symbols' rows changed since, in the ledger, the
 * version's allocations and inventory, or its computation log, and proves only those again.
 */
final class Proof {
  private static final Logger LOG = LoggerFactory.getLogger(Proof.class);

  /** The tables an invariant reads. */
  static final List<LakeTable> TABLES =
      List.of(
          LakeTable.TRADE_RECORDS,
          LakeTable.FIFO_ALLOCATIONS,
          LakeTable.FIFO_INVENTORY_SNAPSHOT,
          LakeTable.FIFO_COMPUTATION_LOG);

  private Proof() {}

  /** The latest commit of each of {@link #TABLES}: what a validate that starts now reads. */
  static Map<LakeTable, Long> currentCommits(Lake lake) {
    return ChangedSymbols.latestCommits(lake, TABLES);
  }

  /**
   * The symbols of {@code version} whose rows in any of {@link #TABLES} changed between the last
   * proof and {@code now}; empty when there is no proof or Delta cannot tell (a table without its
   * change data feed for the whole range), in which case every symbol must be proved.
   */
  static Optional<Set<String>> changedSince(Lake lake, int version, Map<LakeTable, Long> now) {
    Optional<Map<LakeTable, Long>> proven = read(lake, version);
    if (proven.isEmpty()) {
      LOG.info("validate v{}: no earlier proof: checking every symbol", version);
      return Optional.empty();
    }
    return ChangedSymbols.between(lake, version, proven.get(), now, "validate v" + version);
  }

  /** The commits of the last proof of {@code version}, if any. */
  private static Optional<Map<LakeTable, Long>> read(Lake lake, int version) {
    return new LakeState(lake)
        .read(name(version))
        .map(
            document -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> tables = (Map<String, Object>) document.get("tables");
              Map<LakeTable, Long> commits = new EnumMap<>(LakeTable.class);
              for (LakeTable table : TABLES) {
                Object commit = tables == null ? null : tables.get(table.tableName());
                commits.put(table, commit == null ? -1L : ((Number) commit).longValue());
              }
              return commits;
            });
  }

  /**
   * Records that every invariant of {@code version} held at {@code commits}. A lake this run cannot
   * write keeps its older proof (the next validate then checks more symbols than needed).
   */
  static void write(Lake lake, int version, Map<LakeTable, Long> commits, Instant at) {
    Map<String, Object> tables = new LinkedHashMap<>();
    commits.forEach((table, commit) -> tables.put(table.tableName(), commit));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("allocation_version", version);
    document.put("proven_at", at.toString());
    document.put("tables", tables);
    try {
      new LakeState(lake).write(name(version), document);
    } catch (PipelineException e) {
      LOG.warn("validate v{}: could not record the proof: {}", version, e.getMessage());
    }
  }

  private static String name(int version) {
    return "proof-v" + version;
  }
}
