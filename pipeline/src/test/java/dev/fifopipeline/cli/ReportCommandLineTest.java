package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.TempLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * report and compare on the command line, in-process: exit codes and one-line messages. The tests
 * share one lake and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("spark")
class ReportCommandLineTest {
  private static TempLake temp;
  private static Cli cli;
  private static Path out;

  @BeforeAll
  static void home() {
    temp = new TempLake();
    temp.file(
        "ledger.csv",
        Ledgers.csv(
            "B1,BTC-USD,buy,2025-01-01T00:00:00Z,100,10,1",
            "B2,BTC-USD,buy,2025-01-02T00:00:00Z,110,5,0.5",
            "S1,BTC-USD,sell,2025-01-03T00:00:00Z,120,12,1.2",
            "E1,ETH-USD,buy,2025-01-01T00:00:00Z,10,1,0.1",
            "E2,ETH-USD,sell,2025-01-02T00:00:00Z,12,3,0.3"));
    cli =
        new Cli(temp.folder(), Map.of("FIFO_LAKE_PATH", "lake", "FIFO_SOURCE_PATH", "ledger.csv"));
    out = temp.folder().resolve("reports");
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  private static void assertUsage(Cli.Run run, String message) {
    assertEquals(2, run.exit(), run.toString());
    assertEquals(message, run.err().strip(), run.toString());
  }

  @Test
  @Order(1)
  void reportWritesTheTablesFilesAndPageOfAVersion() {
    assertEquals(0, cli.run("ingest").exit());
    assertEquals(0, cli.run("allocate", "--version", "1").exit());

    Cli.Run run = cli.run("report", "all", "--version", "1", "--out", out.toString());

    assertEquals(0, run.exit(), run.toString());
    assertTrue(
        run.out()
            .startsWith(
                "report v1 (fifo, tax.timezone UTC): 2 sells, realized pnl 219.40 USD, win rate"
                    + " 100.0% (1 of 1 matched sells), 1 unmatched sells\n"),
        run.toString());
    assertTrue(run.out().contains("tax_lots.csv (3 rows)"), run.toString());
    assertTrue(Files.exists(out.resolve("v1/report.html")), run.toString());
    assertTrue(Files.exists(out.resolve("v1/win_rate.csv")), run.toString());
  }

  @Test
  @Order(2)
  void reportRefusesWrongUsageWithExit2() {
    assertUsage(
        cli.run("report", "pnl", "--version", "9"),
        "Cannot report version 9: it does not exist (versions in the lake: 1)");
    assertUsage(
        cli.run("report", "tax", "--version", "1", "--year", "1800"),
        "Cannot report --year 1800: not a calendar year (give a year like 2025; tax years are"
            + " taken in tax.timezone)");
    assertUsage(
        cli.run("report", "tax", "--version", "1", "--year", "2024"),
        "Cannot report year 2024 of version 1: it has no sells in that tax year in UTC (years"
            + " with sells: 2025)");
    assertUsage(
        cli.run("--set", "tax.timezone=America/New_York", "report", "pnl", "--version", "1"),
        "Cannot report version 1: its holding terms were computed in tax.timezone UTC, the"
            + " settings say America/New_York (use --set tax.timezone=UTC, or recompute with"
            + " allocate --version 1 --force)");

    Cli.Run year = cli.run("report", "tax", "--version", "1", "--year", "last");
    assertEquals(2, year.exit(), year.toString());
    assertTrue(year.err().contains("'last' is not an int"), year.toString());

    Cli.Run kind = cli.run("report", "everything", "--version", "1");
    assertEquals(2, kind.exit(), kind.toString());
    assertTrue(
        kind.err().contains("expected one of [PNL, WINRATE, TAX, ALL, UNMATCHED]"),
        kind.toString());

    Cli.Run prices =
        cli.run("report", "all", "--version", "1", "--prices", temp.folder() + "/none.csv");
    assertEquals(2, prices.exit(), prices.toString());
    assertTrue(prices.err().startsWith("Cannot read --prices "), prices.toString());
    assertEquals(1, prices.err().strip().lines().count(), prices.toString());
  }

  @Test
  @Order(3)
  void compareAgainstTheLegacyValuesAndAnotherVersion() {
    Cli.Run legacy = cli.run("compare", "--version", "1", "--legacy", "--out", out.toString());
    assertEquals(0, legacy.exit(), legacy.toString());
    assertTrue(
        legacy
            .out()
            .startsWith(
                "compare v1 (fifo) vs legacy inline values: 2 sells: 0 other_lot, 0 differs,"
                    + " 0 unmatched, 2 no_legacy, 0 agrees\n"
                    + "  no sell of v1 has legacy values (trade_records.pnl_usd is empty)\n"
                    + "  no differences\n"),
        legacy.toString());

    assertUsage(
        cli.run("compare", "--versions", "1,2"),
        "Cannot compare version 2: it does not exist (versions in the lake: 1)");

    assertEquals(0, cli.run("allocate", "--version", "2", "--method", "lifo").exit());
    Cli.Run versions = cli.run("compare", "--versions", "1,2", "--out", out.toString());
    assertEquals(0, versions.exit(), versions.toString());
    assertTrue(
        versions
            .out()
            .startsWith(
                "compare v1 (fifo) vs v2 (lifo): 2 sells: 0 different_lots, 1 different_pnl, 0"
                    + " only_in_a, 0 only_in_b, 1 same\n"
                    + "  realized pnl: v1 219.40, v2 189.40, difference -30.00\n"),
        versions.toString());
    assertTrue(Files.exists(out.resolve("compare-v1-v2-by-symbol.csv")), versions.toString());
  }

  @Test
  @Order(4)
  void compareRefusesIncompleteArgumentsWithExit2() {
    String fix =
        " (use --versions A,B for two versions, or --version N --legacy for the legacy inline"
            + " values)";
    assertUsage(
        cli.run("compare", "--versions", "1"),
        "Cannot compare: --versions takes two versions, got 1 ([1])" + fix);
    assertUsage(
        cli.run("compare", "--versions", "1,1"),
        "Cannot compare: --versions names version 1 twice" + fix);
    assertUsage(
        cli.run("compare", "--version", "1"),
        "Cannot compare: --version 1 alone has nothing to compare with" + fix);
    assertUsage(
        cli.run("compare", "--versions", "1,2", "--legacy"),
        "Cannot compare: --versions cannot be combined with --version or --legacy" + fix);
    assertUsage(cli.run("compare"), "Cannot compare: nothing to compare" + fix);
  }

  @Test
  @Order(5)
  void reportUnmatchedListsTheLikelyCausesOfEachUnmatchedSell() throws Exception {
    Cli.Run run = cli.run("report", "unmatched", "--version", "1", "--out", out.toString());

    assertEquals(0, run.exit(), run.toString());
    String file = out.resolve("v1/unmatched_causes.csv").toAbsolutePath().toString();
    List<String> lines = run.out().lines().toList();
    assertEquals(
        "report unmatched v1: 1 unmatched sells: no_evidence 1; listing in " + file,
        lines.get(0),
        run.toString());
    assertTrue(lines.get(1).startsWith("allocation_version | account | symbol  |"), run.toString());
    assertTrue(
        lines.get(3).contains("| ETH-USD | E2            | 2025-01-02T00:00:00Z | 2  "),
        run.toString());
    assertTrue(
        lines
            .get(3)
            .contains("| no_evidence | no evidence found in the ledger: a buy of at least 2"),
        run.toString());
    assertEquals("(1 row)", lines.get(4), run.toString());
    assertEquals(2, Files.readAllLines(Path.of(file)).size());

    // a fills export with the buy the ledger lacks; CSV on stdout, the summary on stderr
    Path fills = temp.file("fills.csv", Ledgers.csv("E0,ETH-USD,buy,2025-01-01T12:00:00Z,11,2,0"));
    Cli.Run csv =
        cli.run(
            "report",
            "unmatched",
            "--version",
            "1",
            "--out",
            out.toString(),
            "--fills",
            fills.toString(),
            "--format",
            "csv");
    assertEquals(0, csv.exit(), csv.toString());
    assertTrue(
        csv.err().contains("1 unmatched sells: missing_fill 1 (compared with "), csv.toString());
    assertTrue(
        csv.out()
            .startsWith(
                "allocation_version,account,symbol,sell_order_id,sell_time,unmatched_size,cause,"
                    + "action\n1,,ETH-USD,E2,2025-01-02T00:00:00Z,2,missing_fill,\"the exchange"
                    + " export has a buy of 2 ETH-USD at 2025-01-01T12:00:00Z (E0) the ledger"
                    + " lacks"),
        csv.toString());

    assertUsage(
        cli.run("report", "pnl", "--version", "1", "--fills", fills.toString()),
        "Cannot report pnl: --fills only goes with report unmatched (leave it out, or use report"
            + " unmatched --version 1)");
    assertUsage(
        cli.run("report", "unmatched", "--version", "1", "--year", "2025"),
        "Cannot report unmatched: --year does not apply to it (leave it out; report unmatched"
            + " lists every unmatched sell of the version)");
    assertUsage(
        cli.run("report", "unmatched", "--version", "9"),
        "Cannot report version 9: it does not exist (versions in the lake: 1, 2)");
  }
}
