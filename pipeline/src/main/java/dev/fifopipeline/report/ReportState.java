package dev.fifopipeline.report;

import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.ChangedSymbols;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeState;
import dev.fifopipeline.lake.LakeTable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the last {@code report all} of a version read and wrote, kept in {@code
 * <lake>/_fifo/state/report-v<N>.json}: the commits of the allocations and open lots it read, its
 * tax.timezone and prices, and the commit of every table it wrote. From it and Delta's change data
 * feed the next {@code report all} learns which symbols changed since and recomputes only those;
 * when anything else differs (another zone or prices, a report table written since by anything
 * else, a feed that cannot tell) it recomputes every symbol.
 */
final class ReportState {
  private static final Logger LOG = LoggerFactory.getLogger(ReportState.class);

  /** The tables a report reads its symbols' rows from. */
  static final List<LakeTable> READ =
      List.of(LakeTable.FIFO_ALLOCATIONS, LakeTable.FIFO_INVENTORY_SNAPSHOT);

  /**
   * Above this many changed symbols every symbol is recomputed: a predicate naming thousands of
   * symbols costs more than it saves.
   */
  static final int MOST_CHANGED_SYMBOLS = 1_000;

  private ReportState() {}

  /**
   * The symbols a {@code report all} of {@code version} must recompute now.
   *
   * @param full recompute every symbol whatever the state says
   */
  static ReportScope scope(Lake lake, int version, ZoneId zone, Prices prices, boolean full) {
    Map<LakeTable, Long> now = ChangedSymbols.latestCommits(lake, READ);
    if (full) {
      return new ReportScope(Optional.empty(), now);
    }
    Optional<Set<String>> changed = changed(lake, version, zone, prices, now);
    if (changed.isPresent() && changed.get().size() > MOST_CHANGED_SYMBOLS) {
      LOG.info("report v{}: {} symbols changed: recomputing all", version, changed.get().size());
      changed = Optional.empty();
    }
    return new ReportScope(changed, now);
  }

  private static Optional<Set<String>> changed(
      Lake lake, int version, ZoneId zone, Prices prices, Map<LakeTable, Long> now) {
    Optional<Map<String, Object>> last = new LakeState(lake).read(name(version));
    if (last.isEmpty()) {
      return every(version, "no earlier report all");
    }
    Map<String, Object> state = last.get();
    if (!zone.getId().equals(state.get("tax_timezone"))) {
      return every(version, "the last one was in tax.timezone " + state.get("tax_timezone"));
    }
    if (!prices.digest().equals(state.get("prices"))) {
      return every(version, "the prices differ from the last one's");
    }
    Map<String, Object> written = map(state, "written");
    for (LakeTable table : ReportKind.ALL.tables()) {
      Object commit = written.get(table.tableName());
      if (commit == null || !lake.unchangedSince(table, ((Number) commit).longValue())) {
        return every(version, table + " was written since the last one");
      }
    }
    Map<String, Object> read = map(state, "read");
    Map<LakeTable, Long> since = new EnumMap<>(LakeTable.class);
    for (LakeTable table : READ) {
      Object commit = read.get(table.tableName());
      since.put(table, commit == null ? Long.MAX_VALUE : ((Number) commit).longValue());
    }
    Optional<Set<String>> symbols =
        ChangedSymbols.between(lake, version, since, now, "report v" + version);
    symbols.ifPresent(
        changed ->
            LOG.info(
                "report v{}: {} symbols changed since the last report all",
                version,
                changed.size()));
    return symbols;
  }

  /**
   * Records what a {@code report all} of {@code version} read and wrote, once its tables are
   * committed. A lake this run cannot write keeps no state (the next report recomputes all).
   */
  static void write(Lake lake, int version, ZoneId zone, Prices prices, ReportScope scope) {
    Map<String, Object> read = new LinkedHashMap<>();
    scope.read().forEach((table, commit) -> read.put(table.tableName(), commit));
    Map<String, Object> written = new LinkedHashMap<>();
    for (LakeTable table : ReportKind.ALL.tables()) {
      written.put(table.tableName(), lake.latestCommit(table));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("allocation_version", version);
    document.put("reported_at", Instant.now().toString());
    document.put("tax_timezone", zone.getId());
    document.put("prices", prices.digest());
    document.put("read", read);
    document.put("written", written);
    try {
      new LakeState(lake).write(name(version), document);
    } catch (PipelineException e) {
      LOG.warn("report v{}: could not record what it wrote: {}", version, e.getMessage());
    }
  }

  /** Forgets the last report of {@code version}: its tables are about to be rewritten. */
  static void forget(Lake lake, int version) {
    new LakeState(lake).delete(name(version));
  }

  private static Optional<Set<String>> every(int version, String why) {
    LOG.info("report v{}: recomputing every symbol: {}", version, why);
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> state, String key) {
    Object value = state.get(key);
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  private static String name(int version) {
    return "report-v" + version;
  }
}
