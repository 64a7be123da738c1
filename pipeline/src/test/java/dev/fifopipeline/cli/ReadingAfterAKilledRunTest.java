package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SimulatedCrash;
import dev.fifopipeline.testing.TempLake;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The commands that only read the lake (validate, sql) read it as it was before a run that died
 * mid-write, never its half-written tables, and leave the undoing to the next writing command.
 */
@Tag("spark")
class ReadingAfterAKilledRunTest {

  @Test
  void validateAndSqlSeeTheLakeAsItWasBeforeTheKilledRun() {
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      Ledgers.ingest(temp, Ledgers.FIFO_OR_LIFO);
      Ledgers.allocate(lake, 1, null, Set.of(), false);
      assertEquals(List.of("B1"), buys(lake));
      try (TempLake.Armed crash = temp.crashAt("allocate.after-allocations")) {
        assertThrows(
            SimulatedCrash.class,
            () -> Ledgers.allocate(lake, 1, MatchingMethod.LIFO, Set.of(), true));
      }
      assertEquals(List.of("B2"), buys(lake), "the killed run's LIFO rows are in the table");

      Cli cli = new Cli(temp.folder(), Map.of("FIFO_LAKE_PATH", "lake"));
      Cli.Run sql = cli.run("sql", "SELECT buy_order_id FROM fifo_allocations", "--format", "csv");
      assertEquals(0, sql.exit(), sql.toString());
      assertEquals(List.of("buy_order_id", "B1"), sql.out().lines().toList(), sql.toString());

      Cli.Run validate = cli.run("validate", "--version", "1");
      assertEquals(0, validate.exit(), validate.toString());
      assertTrue(validate.out().contains("all 6 invariants hold"), validate.toString());

      assertTrue(lake.hasInterruptedRun(), "reading undoes nothing");
      assertNotEquals(List.of("B1"), buys(lake));
      assertEquals(0, cli.run("allocate", "--version", "2").exit(), "a writing command");
      assertEquals(List.of("B1"), buys(lake), "undid the killed run before it wrote");
    }
  }

  private static List<String> buys(Lake lake) {
    return lake
        .read(LakeTable.FIFO_ALLOCATIONS)
        .filter("allocation_version = 1")
        .select("buy_order_id")
        .collectAsList()
        .stream()
        .map((Row row) -> row.getString(0))
        .toList();
  }
}
