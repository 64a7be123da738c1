package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The command line end to end, in-process: exit codes and one-line messages of the contract. The
 * tests share one lake and run in order, as a user would type the commands.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("spark")
class CommandLineTest {
  private static TempLake temp;
  private static Cli cli;

  @BeforeAll
  static void home() {
    temp = new TempLake();
    temp.file(
        "ledger.csv",
        Ledgers.csv(
            "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
            "B2,BTC-USD,buy,2025-01-02T00:00:00Z,110,5,0.5",
            "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,12,1.2",
            "E1,eth/usd,buy,2025-01-01T00:00:00Z,10,1,0.1",
            "E2,ETH-USD,sell,2025-01-02T00:00:00Z,12,3,0.3",
            "X1,ETH-USD,hold,2025-01-02T00:00:00Z,12,3,0.3"));
    cli =
        new Cli(temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "ledger.csv"));
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  @Test
  @Order(1)
  void noCommandPrintsUsageAndExits2() {
    Cli.Run run = cli.run();
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("Usage: fifo-pipeline"), run.toString());
  }

  @Test
  @Order(2)
  void wrongUsageIsOneLineAndExits2() {
    Cli.Run unknown = cli.run("allocate", "--version", "1", "--colour");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertEquals(
        "Unknown option: '--colour' (see fifo-pipeline allocate --help)", unknown.err().strip());

    Cli.Run missing = cli.run("validate");
    assertEquals(2, missing.exit(), missing.toString());
    assertTrue(
        missing.err().contains("Missing required option: '--version=N'"), missing.toString());

    Cli.Run both = cli.run("allocate", "--version", "1", "--symbols", "BTC-USD", "--all-symbols");
    assertEquals(2, both.exit(), both.toString());
    assertTrue(both.err().contains("mutually exclusive"), both.toString());

    Cli.Run setting = cli.run("--set", "lake.pth=/x", "sql", "SELECT 1");
    assertEquals(2, setting.exit(), setting.toString());
    assertEquals(
        "Cannot apply --set lake.pth: lake.pth is not a setting (did you mean lake.path?"
            + " reference.conf lists every key; Spark settings go under spark.conf)",
        setting.err().strip());

    Cli.Run zone = cli.run("--set", "tax.timezone=Mars/Base", "sql", "SELECT 1");
    assertEquals(2, zone.exit(), zone.toString());
    assertTrue(
        zone.err().startsWith("Cannot load configuration: tax.timezone = 'Mars/Base'"),
        zone.toString());

    Cli.Run parquetSample =
        cli.run("generate", "--sample", "--format", "parquet", "--out", "/tmp/never.parquet");
    assertEquals(2, parquetSample.exit(), parquetSample.toString());
    assertTrue(
        parquetSample.err().startsWith("Cannot write the sample as Parquet"),
        parquetSample.toString());
  }

  @Test
  @Order(3)
  void ingestPrintsItsCountsAndQuarantinesBadRows() {
    Cli.Run run = cli.run("ingest");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(
        run.out().startsWith("ingest: read 6 / new 5 / unchanged 0 / quarantined 1"),
        run.toString());
    Cli.Run again = cli.run("ingest", "--strict");
    assertEquals(0, again.exit(), "the file was read before: nothing read, nothing quarantined");
    assertTrue(again.out().contains("ledger.csv: 1 file read before"), again.toString());
    assertEquals(
        1, cli.run("ingest", "--full", "--strict").exit(), "--strict fails on quarantined rows");
  }

  @Test
  @Order(4)
  void allocateRefusesAnExistingVersionWithoutForce() {
    Cli.Run first = cli.run("allocate", "--version", "1");
    assertEquals(0, first.exit(), first.toString());
    assertTrue(first.out().contains("2 symbols"), first.toString());

    Cli.Run again = cli.run("allocate", "--version", "1");
    assertEquals(2, again.exit(), again.toString());
    assertEquals(
        "Cannot allocate version 1: it already exists (use --force to recompute it, --since WHEN"
            + " to recompute the symbols with new trades, or another --version)",
        again.err().strip());

    assertEquals(0, cli.run("allocate", "--version", "1", "--force").exit());
    assertEquals(
        1, cli.run("allocate", "--version", "1", "--force", "--strict").exit(), "E2 is unmatched");
    assertEquals(
        0, cli.run("allocate", "--version", "1", "--symbols", "eth/usd", "--force").exit());

    Cli.Run since = cli.run("allocate", "--version", "1", "--since", "last tuesday");
    assertEquals(2, since.exit(), since.toString());
    assertTrue(since.err().startsWith("Cannot read --since 'last tuesday'"), since.toString());

    Cli.Run method = cli.run("allocate", "--version", "2", "--method", "random");
    assertEquals(2, method.exit(), method.toString());
  }

  @Test
  @Order(5)
  void validateExitsZeroWhenEveryInvariantHoldsAndTwoForAnUnknownVersion() {
    Cli.Run ok = cli.run("validate", "--version", "1");
    assertEquals(0, ok.exit(), ok.toString());
    assertTrue(ok.out().contains("all 6 invariants hold"), ok.toString());

    Cli.Run unknown = cli.run("validate", "--version", "9");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertEquals(
        "Cannot validate version 9: it does not exist (versions in the lake: 1)",
        unknown.err().strip());
  }

  @Test
  @Order(6)
  void sqlPrintsCsvWithPlainDecimalsAndUtcTimes() {
    Cli.Run run =
        cli.run(
            "sql",
            "SELECT sell_order_id, buy_order_id, allocated_size, pnl, sell_time FROM fifo_allocations"
                + " ORDER BY sell_order_id, buy_order_id NULLS LAST",
            "--format",
            "csv");
    assertEquals(0, run.exit(), run.toString());
    assertEquals(
        String.join(
            "\n",
            "sell_order_id,buy_order_id,allocated_size,pnl,sell_time",
            "E2,E1,1,1.8,2025-01-02T00:00:00Z",
            "E2,,2,,2025-01-02T00:00:00Z",
            "S1,B1,10,198,2025-01-03T00:00:00Z",
            "S1,B2,2,19.6,2025-01-03T00:00:00Z",
            ""),
        run.out());

    Cli.Run table =
        cli.run(
            "sql",
            "SELECT symbol, count(*) AS n FROM fifo_allocations GROUP BY symbol ORDER BY symbol");
    assertEquals(0, table.exit(), table.toString());
    assertTrue(table.out().contains("BTC-USD | 2"), table.toString());
    assertTrue(table.out().strip().endsWith("(2 rows)"), table.toString());

    Cli.Run bad = cli.run("sql", "SELECT nope FROM fifo_allocations");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().startsWith("Cannot run query: "), bad.toString());
    assertEquals(1, bad.err().strip().lines().count(), "one line: " + bad.err());

    Cli.Run write = cli.run("sql", "DELETE FROM fifo_allocations WHERE true");
    assertEquals(2, write.exit(), write.toString());
    assertTrue(
        write.err().startsWith("Cannot run query: sql only reads the lake"), write.toString());
  }

  @Test
  @Order(6)
  void sqlWithoutAQueryRunsTheStatementsOnStandardInput() {
    Cli.Run script =
        cli.runWithInput(
            "SELECT 'a;b' AS s;\n-- a comment\nSELECT symbol, count(*) AS n\n  FROM fifo_allocations"
                + " GROUP BY symbol ORDER BY symbol\n",
            "sql",
            "--format",
            "csv");
    assertEquals(0, script.exit(), script.toString());
    assertEquals("s\na;b\nsymbol,n\nBTC-USD,2\nETH-USD,2\n", script.out());

    Cli.Run failing =
        cli.runWithInput("SELECT 1 AS one;\nSELECT nope FROM fifo_allocations;\nSELECT 3;", "sql");
    assertEquals(2, failing.exit(), failing.toString());
    assertTrue(failing.out().contains("one\n---\n1\n(1 row)"), failing.toString());
    assertFalse(failing.out().contains("3"), "the script stops at its first failure: " + failing);
    assertTrue(failing.err().startsWith("Cannot run query: "), failing.toString());

    Cli.Run quit = cli.runWithInput("\\q\nSELECT 1;", "sql");
    assertEquals(0, quit.exit(), quit.toString());
    assertEquals("", quit.out());
  }

  @Test
  @Order(7)
  void environmentFaultsExit3() {
    Cli.Run source = cli.run("--set", "source.path=missing.csv", "ingest");
    assertEquals(3, source.exit(), source.toString());
    assertTrue(source.err().startsWith("Cannot read the csv source"), source.toString());

    temp.file("not-a-folder", "x");
    Cli.Run lake = cli.run("--set", "lake.path=not-a-folder/lake", "ingest");
    assertEquals(3, lake.exit(), lake.toString());
    assertTrue(lake.err().startsWith("Cannot write the lake at"), lake.toString());
  }

  @Test
  @Order(8)
  void nightlyRunsEveryStepAndSucceedsOnAValidLedger() {
    Cli.Run run = cli.run("nightly");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("all 6 invariants hold"), run.toString());
    assertTrue(run.out().contains("report: v1, 10 tables in the lake"), run.toString());
    assertTrue(
        java.nio.file.Files.isRegularFile(temp.folder().resolve("data/reports/v1/report.html")),
        "nightly writes the reports into report.out");
    assertTrue(run.out().contains("nightly: done"), run.toString());
    assertTrue(
        run.out()
            .contains("\nunmatched sells: 1 (report unmatched --version 1 lists likely causes)\n"),
        "E2 is unmatched: " + run);

    Cli.Run again = cli.run("nightly");
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.out().contains("report: unchanged"), again.toString());
  }

  @Test
  @Order(9)
  void registerTablesPrintsOneCreateTablePerLakeTable() {
    Cli.Run run = cli.run("register-tables", "--database", "trading");
    assertEquals(0, run.exit(), run.toString());
    String lake = temp.folder().resolve("lake").toString();
    assertTrue(run.out().contains("CREATE DATABASE IF NOT EXISTS trading;\n"), run.toString());
    assertTrue(
        run.out()
            .contains(
                "CREATE TABLE IF NOT EXISTS trading.fifo_allocations USING DELTA LOCATION '"
                    + lake
                    + "/fifo_allocations';\n"),
        run.toString());
    assertEquals(
        15, run.out().split("USING DELTA LOCATION").length - 1, "every table after nightly");

    Cli.Run bad = cli.run("register-tables", "--database", "x; DROP");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(
        bad.err().startsWith("Cannot register the lake's tables: --database 'x; DROP'"),
        bad.toString());
  }
}
