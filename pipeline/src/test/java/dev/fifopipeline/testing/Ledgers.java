package dev.fifopipeline.testing;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.allocate.AllocateResult;
import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.Secret;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.ingest.CanonicalColumns;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.ingest.IngestResult;
import dev.fifopipeline.lake.Lake;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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

  /** {@code trades} as a ledger CSV in the columns of {@link #csv(String...)}. */
  public static String csvOf(java.util.List<dev.fifopipeline.engine.Trade> trades) {
    return csv(
        trades.stream()
            .map(
                t ->
                    String.join(
                        ",",
                        t.orderId(),
                        t.symbol(),
                        t.side().label(),
                        t.time().toString(),
                        t.price().toPlainString(),
                        t.size().toPlainString(),
                        t.fees().toPlainString()))
            .toArray(String[]::new));
  }

  /** Five trades over two symbols: BTC-USD fully sold across two lots, ETH-USD oversold. */
  public static final String BASIC =
      csv(
          "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
          "B2,BTC-USD,buy,2025-01-02T00:00:00Z,110,5,0.5",
          "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,12,1.2",
          "E1,ETH-USD,buy,2025-01-01T00:00:00Z,10,1,0.1",
          "E2,ETH-USD,sell,2025-01-02T00:00:00Z,12,3,0.3");

  /** Two buys and one sell of BTC-USD: FIFO sells B1 (pnl 200), LIFO sells B2 (pnl 100). */
  public static final String FIFO_OR_LIFO =
      csv(
          "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,1,0",
          "B2,BTC-USD,buy,2025-01-02T00:00:00Z,200,1,0",
          "S1,BTC-USD,sell,2025-01-03T00:00:00Z,300,1,0");

  /** reference.conf's source.clock-skew. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** CSV source settings with canonical column names. */
  public static SourceSettings csvSource(String path) {
    return CanonicalColumns.csvSource(
        path,
        new JdbcSettings(
            "", "", new Secret(""), "trade_records", 1000, 1, "public", Duration.ofMinutes(10)),
        CLOCK_SKEW);
  }

  /** Allocates {@code version} with the default dust, in UTC, at the test clock's time. */
  public static AllocateResult allocate(
      Lake lake, int version, MatchingMethod method, Set<String> symbols, boolean force) {
    return new AllocateJob(
            lake,
            new AllocateRequest(
                version, method == null ? null : MethodSchedule.of(method), symbols, null, force),
            MatchingRules.DEFAULT_DUST,
            ZoneId.of("UTC"),
            CLOCK)
        .run();
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
