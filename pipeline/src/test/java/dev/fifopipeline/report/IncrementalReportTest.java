package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.RandomLedger;
import dev.fifopipeline.engine.Trade;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code report all} after each of a random series of late batches recomputes only the changed
 * symbols, and ends exactly where a full rebuild does: every report table row for row, every CSV
 * file and the HTML page byte for byte.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class IncrementalReportTest {
  private static final String[] SYMBOLS = {
    "BTC-USD", "ETH-USD", "SOL-USD", "ADA-EUR", "XRP-EUR", "DOGE-USD"
  };
  private static final int BATCHES = 3;
  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final Instant START = Instant.parse("2024-11-01T00:00:00Z");
  private static final Clock PAGE_CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void incrementalReportsEqualAFullRebuild() throws IOException {
    List<List<Trade>> batches = batches(new Random(11));
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      Path incremental = temp.folder().resolve("incremental");
      for (int b = 0; b < BATCHES; b++) {
        Clock clock =
            Clock.fixed(
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * b), ZoneOffset.UTC);
        Ledgers.ingest(temp, Ledgers.csvOf(batches.get(b)), clock);
        Instant since =
            AllocationCatalog.read(lake).ledgerThrough(1).map(t -> t.plusNanos(1000)).orElse(null);
        new AllocateJob(
                lake,
                new AllocateRequest(1, null, Set.of(), since, false),
                MatchingRules.DEFAULT_DUST,
                ZONE,
                clock)
            .run();
        if (b > 0) {
          assertTrue(
              TaxLotsFiles.current(lake, 1, incremental.resolve("v1")).isPresent(),
              "the tax-lot files of the last report are merged into, not written whole");
        }
        ReportResult report = report(lake, incremental, false);
        if (b == 0) {
          assertEquals("every symbol", report.recomputed());
        } else {
          assertTrue(report.recomputed().matches("[1-5] changed symbols?"), report.recomputed());
        }
      }
      Map<LakeTable, List<String>> tables = tables(lake);
      Map<String, String> files = files(incremental.resolve("v1"));

      Path full = temp.folder().resolve("full");
      assertEquals("every symbol", report(lake, full, true).recomputed());
      assertEquals(tables, tables(lake));
      assertEquals(files, files(full.resolve("v1")));

      // nothing changed: the tables and files stay as they are
      assertEquals("0 changed symbols", report(lake, full, false).recomputed());
      assertEquals(tables, tables(lake));
      assertEquals(files, files(full.resolve("v1")));
      // a tax-lot file edited by hand is not merged into but written whole again
      Path lots = incremental.resolve("v1/tax_lots.csv");
      Files.writeString(lots, "edited\n", java.nio.file.StandardOpenOption.APPEND);
      assertTrue(TaxLotsFiles.current(lake, 1, incremental.resolve("v1")).isEmpty());
      assertEquals("0 changed symbols", report(lake, incremental, false).recomputed());
      assertEquals(files, files(incremental.resolve("v1")));
      // other prices: every symbol
      ReportRequest priced =
          new ReportRequest(
              1, ReportKind.ALL, null, full, Prices.of(Map.of("BTC-USD", BigDecimal.ONE)));
      assertEquals(
          "every symbol", new ReportJob(lake, priced, ZONE, PAGE_CLOCK, 0).run().recomputed());
    }
  }

  /**
   * Trades of every symbol over about 14 months (two tax years, sells before their buys left
   * unmatched), each symbol split at random over one to three of the batches.
   */
  private static List<List<Trade>> batches(Random random) {
    List<List<Trade>> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      batches.add(new ArrayList<>());
    }
    for (String symbol : SYMBOLS) {
      int[] mine = {random.nextInt(BATCHES), random.nextInt(BATCHES), random.nextInt(BATCHES)};
      for (Trade t : RandomLedger.trades(random, null, symbol, 30)) {
        Instant time = START.plusSeconds(3600L * random.nextInt(24 * 420));
        Trade moved =
            new Trade(
                t.orderId(),
                t.account(),
                t.symbol(),
                t.side(),
                time,
                t.price(),
                t.size(),
                t.fees());
        batches.get(mine[random.nextInt(mine.length)]).add(moved);
      }
    }
    return batches;
  }

  private static ReportResult report(Lake lake, Path out, boolean full) {
    return new ReportJob(
            lake,
            new ReportRequest(1, ReportKind.ALL, null, out, Prices.none(), full),
            ZONE,
            PAGE_CLOCK,
            0)
        .run();
  }

  /** Every report table's rows of version 1, as sorted text with plain decimals. */
  private static Map<LakeTable, List<String>> tables(Lake lake) {
    Map<LakeTable, List<String>> tables = new TreeMap<>();
    for (LakeTable table : ReportKind.ALL.tables()) {
      Dataset<Row> rows = lake.read(table).filter(col("allocation_version").equalTo(1));
      for (String c : rows.columns()) {
        if (rows.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.DecimalType) {
          rows = rows.withColumn(c, Columns.plain(col(c)));
        }
      }
      List<String> lines = new ArrayList<>();
      rows.collectAsList().forEach(r -> lines.add(r.mkString("|")));
      lines.sort(null);
      assertTrue(!lines.isEmpty(), table + " is empty");
      tables.put(table, lines);
    }
    return tables;
  }

  private static Map<String, String> files(Path folder) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.list(folder)) {
      for (Path file : all.toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(
        files.containsKey("report.html") && files.containsKey("tax_lots.csv"),
        files.keySet().toString());
    return files;
  }
}
