package dev.fifopipeline.ingest;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ledger's canonical columns (contract section 1). */
public final class CanonicalColumns {
  /** Columns every source must have. */
  static final List<String> REQUIRED =
      List.of("order_id", "symbol", "side", "order_time", "price", "size");

  /** Columns a source may have. */
  static final List<String> OPTIONAL =
      List.of(
          "fees",
          "ingested_at",
          "source",
          "account",
          "pnl_usd",
          "cost_basis_usd",
          "parent_id",
          "remaining_size");

  /** The trade's facts: two rows of one order_id with equal facts are one trade. */
  static final List<String> FACTS =
      List.of("account", "symbol", "side", "order_time", "price", "size", "fees");

  /** Input order of a row within one read, used to keep the first of conflicting rows. */
  static final String ROW = "_row";

  /** The raw line of a malformed CSV row. */
  static final String CORRUPT = "_corrupt_record";

  private CanonicalColumns() {}

  static List<String> all() {
    return java.util.stream.Stream.concat(REQUIRED.stream(), OPTIONAL.stream()).toList();
  }

  /**
   * A CSV file with the canonical header as the source (no column mapping).
   *
   * @param clockSkew see {@link SourceSettings#clockSkew()}
   */
  public static SourceSettings csvSource(
      String path, JdbcSettings jdbc, java.time.Duration clockSkew) {
    Map<String, String> identity = new LinkedHashMap<>();
    all().forEach(c -> identity.put(c, c));
    return new SourceSettings(SourceKind.CSV, path, ",", jdbc, Map.copyOf(identity), clockSkew);
  }
}
