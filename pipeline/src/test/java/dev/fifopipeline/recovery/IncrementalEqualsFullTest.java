package dev.fifopipeline.recovery;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.allocate.AllocateResult;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invariant 6 as a property: a random ledger over several symbols, delivered in random batches (so
 * old trades arrive late) with each batch's rows in random order, allocated incrementally after
 * each batch as nightly does, ends exactly where a full recompute of the whole ledger does, row for
 * row. This is also the arrival-order property: neither the batches a trade arrives in nor its
 * place in its file changes a matched row.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class IncrementalEqualsFullTest {
  // Eight symbols, each with its own random split over the batches: the random cases of the
  // property come per symbol, while the cost follows the batches (one ingest and one allocate
  // each).
  private static final String[] SYMBOLS = {
    "BTC-USD", "ETH-USD", "SOL-USD", "ADA-USD", "XRP-USD", "DOGE-USD", "DOT-USD", "LINK-USD"
  };
  private static final int BATCHES = 3;

  @Test
  void incrementalRunsEqualAFullRecompute() {
    Random random = new Random(7);
    List<List<Trade>> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      batches.add(new ArrayList<>());
    }
    for (String symbol : SYMBOLS) {
      // each symbol shows up in one or two batches, so incremental runs skip some symbols
      int first = random.nextInt(BATCHES);
      int second = random.nextInt(BATCHES);
      for (Trade trade : RandomLedger.trades(random, null, symbol, 30)) {
        batches.get(random.nextBoolean() ? first : second).add(trade);
      }
    }
    for (List<Trade> batch : batches) {
      Collections.shuffle(batch, random);
    }
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      for (int b = 0; b < BATCHES; b++) {
        Clock clock =
            Clock.fixed(
                Instant.parse("2025-06-01T00:00:00Z").plusSeconds(3600L * b), ZoneOffset.UTC);
        Ledgers.ingest(temp, Ledgers.csvOf(batches.get(b)), clock);
        Instant since =
            AllocationCatalog.read(lake).ledgerThrough(1).map(t -> t.plusNanos(1000)).orElse(null);
        AllocateResult result = allocate(lake, 1, since, clock);
        if (b > 0) {
          assertEquals("incremental", result.mode());
        }
      }
      allocate(lake, 2, null, Clock.systemUTC());

      assertEquals(
          rows(lake, LakeTable.FIFO_ALLOCATIONS, 2), rows(lake, LakeTable.FIFO_ALLOCATIONS, 1));
      assertEquals(
          rows(lake, LakeTable.FIFO_INVENTORY_SNAPSHOT, 2),
          rows(lake, LakeTable.FIFO_INVENTORY_SNAPSHOT, 1));
    }
  }

  private static AllocateResult allocate(Lake lake, int version, Instant since, Clock clock) {
    return new AllocateJob(
            lake,
            new AllocateRequest(version, null, Set.of(), since, false),
            MatchingRules.DEFAULT_DUST,
            ZoneId.of("UTC"),
            clock)
        .run();
  }

  /** The version's rows without version, batch and time of computation, sorted. */
  private static List<String> rows(Lake lake, LakeTable table, int version) {
    Dataset<Row> rows =
        lake.read(table)
            .filter(col("allocation_version").equalTo(version))
            .drop("allocation_version", "batch_id", "computed_at");
    for (String c : rows.columns()) {
      if (rows.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.DecimalType) {
        rows = rows.withColumn(c, Columns.plain(col(c)));
      }
    }
    List<String> out = new ArrayList<>();
    rows.collectAsList().forEach(r -> out.add(r.mkString("|")));
    out.sort(null);
    return out;
  }
}
