package dev.fifopipeline.testing;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.Secret;
import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.ingest.IngestResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small ledgers for Spark tests, ingested through the product's own ingest job. */
public final class Ledgers {
  /** A fixed clock for lake_ingested_at and detected_at. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-02-01T00:00:00Z"), ZoneOffset.UTC);

  private static final AtomicInteger FILES = new AtomicInteger();

  private Ledgers() {}

  /** A CSV with the canonical header {@code order_id,symbol,side,order_time,price,size,fees}. */
  public static String csv(String... rows) {
    return "order_id,symbol,side,order_time,price,size,fees\n" + String.join("\n", rows) + "\n";
  }

  /** CSV source settings with canonical column names. */
  public static SourceSettings csvSource(String path) {
    Map<String, String> columns =
        List.of(
                "order_id",
                "symbol",
                "side",
                "order_time",
                "price",
                "size",
                "fees",
                "ingested_at",
                "source",
                "account",
                "pnl_usd",
                "cost_basis_usd",
                "parent_id",
                "remaining_size")
            .stream()
            .collect(Collectors.toMap(Function.identity(), Function.identity()));
    return new SourceSettings(
        SourceKind.CSV,
        path,
        ",",
        new JdbcSettings(
            "",
            "",
            new Secret(""),
            "trade_records",
            1000,
            1,
            "public",
            java.time.Duration.ofMinutes(10)),
        columns);
  }

  /** Writes {@code csv} beside the lake and ingests it. */
  public static IngestResult ingest(TempLake temp, String csv) {
    return ingest(temp, csv, CLOCK);
  }

  /** Writes {@code csv} beside the lake and ingests it at the clock's time. */
  public static IngestResult ingest(TempLake temp, String csv, Clock clock) {
    String path = temp.file("ledger-" + FILES.incrementAndGet() + ".csv", csv).toString();
    return new IngestJob(temp.lake(), csvSource(path), clock).run();
  }
}
