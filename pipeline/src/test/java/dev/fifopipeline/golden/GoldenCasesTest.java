package dev.fifopipeline.golden;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.ResultPrinter;
import dev.fifopipeline.spark.Columns;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import dev.fifopipeline.validate.ValidateJob;
import dev.fifopipeline.validate.ValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden end-to-end cases (src/test/resources/golden/&lt;case&gt;/): ledger in, lake rows out,
 * every invariant holding. Expected files are rewritten only with -Dgolden.regenerate=true.
 */
@Tag("golden")
class GoldenCasesTest {
  private static final Path ROOT = Path.of("src/test/resources/golden");
  private static final boolean REGENERATE = Boolean.getBoolean("golden.regenerate");

  @TestFactory
  Stream<DynamicTest> everyCase() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(ROOT)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(cases.size() >= 7, "the golden cases under " + ROOT.toAbsolutePath() + ": " + cases);
    SharedSpark.session();
    return cases.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException {
    Config conf = ConfigFactory.parseFile(dir.resolve("case.conf").toFile());
    MatchingRules rules =
        new MatchingRules(
            MethodSchedule.parse(conf.hasPath("method") ? conf.getString("method") : "fifo"),
            conf.hasPath("dust")
                ? new BigDecimal(conf.getString("dust"))
                : MatchingRules.DEFAULT_DUST,
            ZoneId.of(conf.hasPath("timezone") ? conf.getString("timezone") : "UTC"));
    try (TempLake temp = new TempLake()) {
      Lake lake = temp.lake();
      new IngestJob(
              lake, Ledgers.csvSource(dir.resolve("trade_records.csv").toString()), Ledgers.CLOCK)
          .run();
      new AllocateJob(
              lake,
              new AllocateRequest(1, rules.schedule(), Set.of(), null, false),
              rules.dust(),
              rules.zone(),
              Ledgers.CLOCK)
          .run();
      ValidationResult validation = new ValidateJob(lake, 1).run();
      assertTrue(validation.ok(), dir + ": " + validation.examples());

      compare(dir, "fifo_allocations.csv", allocations(lake));
      compare(dir, "fifo_inventory_snapshot.csv", inventory(lake));
      compare(dir, "manual_review_queue.csv", review(lake));
      ReportGolden.check(lake, dir, rules.zone(), temp.folder().resolve("reports"), REGENERATE);
    }
  }

  private static Dataset<Row> allocations(Lake lake) {
    return lake.read(LakeTable.FIFO_ALLOCATIONS)
        .select(
            col("account"),
            col("symbol"),
            col("sell_order_id"),
            col("buy_order_id"),
            time("sell_time"),
            time("buy_time"),
            plain("allocated_size"),
            plain("sell_price"),
            plain("buy_price"),
            plain("buy_fee_share"),
            plain("sell_fee_share"),
            plain("cost_basis"),
            plain("proceeds"),
            plain("pnl"),
            col("holding_days").cast("string").as("holding_days"),
            col("term"))
        .orderBy("account", "symbol", "sell_time", "sell_order_id", "buy_time", "buy_order_id");
  }

  private static Dataset<Row> inventory(Lake lake) {
    return lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT)
        .select(
            col("account"),
            col("symbol"),
            col("buy_order_id"),
            time("buy_time"),
            plain("remaining_size"),
            plain("remaining_cost_basis"),
            col("dust").cast("string").as("dust"))
        .orderBy("account", "symbol", "buy_time", "buy_order_id");
  }

  private static Dataset<Row> review(Lake lake) {
    return lake.read(LakeTable.MANUAL_REVIEW_QUEUE)
        .select(
            col("order_id"),
            col("symbol"),
            col("reason"),
            col("allocation_version").cast("string").as("allocation_version"))
        .orderBy("reason", "order_id");
  }

  private static Column plain(String name) {
    return Columns.plain(col(name)).as(name);
  }

  private static Column time(String name) {
    return date_format(col(name), "yyyy-MM-dd'T'HH:mm:ss'Z'").as(name);
  }

  /**
   * The rows as {@code sql --format csv} prints them against the expected file, in any order (the
   * header first): compared as text on the driver, so a check costs one Spark job.
   */
  private static void compare(Path dir, String file, Dataset<Row> actual) throws IOException {
    Path expected = dir.resolve(file);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ResultPrinter.csv(actual, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    if (REGENERATE || !Files.exists(expected)) {
      assertTrue(
          REGENERATE, expected + " is missing: run with -Dgolden.regenerate=true and review it");
      Files.writeString(expected, text, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        headerThenSorted(Files.readString(expected, StandardCharsets.UTF_8)),
        headerThenSorted(text),
        dir + ": " + file);
  }

  private static List<String> headerThenSorted(String csv) {
    List<String> lines = new ArrayList<>(csv.lines().toList());
    if (!lines.isEmpty()) {
      lines.subList(1, lines.size()).sort(null);
    }
    return lines;
  }
}
