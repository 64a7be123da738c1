package dev.fifopipeline.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every peer allocates exactly like the Java floor (the product's engine): the same (sell, buy,
 * size) rows with sizes as exact decimals, the same counts; pnl to the last decimal for PostgreSQL
 * and within 1e-6 for DuckDB's DOUBLE.
 */
class PeerAgreementTest {
  private static final BigDecimal DOUBLE_PNL_TOLERANCE = new BigDecimal("0.000001");

  private static PostgresFifo postgres;

  @BeforeAll
  static void database() {
    JdbcSettings db = TestDatabase.freshDatabase("unused");
    postgres = new PostgresFifo(db.url(), db.user(), db.password().value());
  }

  /** Makes a ledger CSV in a folder. */
  interface LedgerMaker {
    Path make(Path dir) throws Exception;
  }

  static Stream<Arguments> ledgers() {
    return Stream.of(
        ledger(
            "generated, 2k trades over 5 symbols", d -> LedgerFiles.generated(d, 2_000, 5, 1, 0)),
        ledger(
            "generated, 20k trades over 20 symbols, one hot",
            d -> LedgerFiles.generated(d, 20_000, 20, 7, 0.3)),
        ledger(
            "generated, 10k trades over 50 symbols",
            d -> LedgerFiles.generated(d, 10_000, 50, 20_251_204, 0)),
        ledger("the bundled sample, with its bad rows and duplicate", LedgerFiles::sample),
        ledger("random, equal times, 8 symbols", d -> LedgerFiles.random(d, 11, 8, 400)),
        ledger("random, equal times, 30 symbols", d -> LedgerFiles.random(d, 12, 30, 150)));
  }

  private static Arguments ledger(String name, LedgerMaker maker) {
    return Arguments.of(name, maker);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ledgers")
  void everyPeerAllocatesLikeTheJavaFloor(String name, LedgerMaker maker, @TempDir Path dir)
      throws Exception {
    Path ledger = maker.make(dir);
    Run floor = run(new JavaFloor(), ledger, dir);
    assertTrue(floor.file.unmatched() > 0, name + " should have oversold sells");

    for (Peer peer : List.of(new DuckDbFifo(), postgres)) {
      Run other = run(peer, ledger, dir);
      assertSameAllocations(floor, other);
      assertEquals(floor.result.trades(), other.result.trades(), peer.name() + " trades kept");
      assertEquals(
          floor.result.allocations(), other.result.allocations(), peer.name() + " allocations");
    }
  }

  /** Rows that break a rule are skipped alike; of duplicated ids the first valid row counts. */
  @Test
  void everyPeerSkipsTheSameRows(@TempDir Path dir) throws Exception {
    List<String> rows =
        new ArrayList<>(
            List.of(
                LedgerFiles.row("B1", "X-USD", "buy", "2025-03-01T00:00:00Z", "10", "5", "0.05"),
                LedgerFiles.row("B2", "X-USD", "BUY", "2025-03-01T00:01:00", "11", "3", ""),
                LedgerFiles.row("B3", "X-USD", " Buy ", "2025-03-01T05:31:00+05:30", "9", "1", "0"),
                LedgerFiles.row("S1", "X-USD", "sell", "2025-03-01T00:02:00.5Z", "12", "4", "0.1"),
                LedgerFiles.row("S2", "X-USD", "Sell", "2025-03-01T00:03:00Z", "13", "6", "0.2"),
                LedgerFiles.row("S1", "X-USD", "sell", "2025-03-01T00:02:00Z", "99", "1", "0"),
                LedgerFiles.row("", "X-USD", "buy", "2025-03-01T00:00:00Z", "10", "5", "0"),
                LedgerFiles.row("Z1", "", "buy", "2025-03-01T00:00:00Z", "10", "5", "0"),
                LedgerFiles.row("Z2", "X-USD", "hold", "2025-03-01T00:00:00Z", "10", "5", "0"),
                LedgerFiles.row("Z3", "X-USD", "buy", "30/11/2025 12:03", "10", "5", "0"),
                LedgerFiles.row("Z4", "X-USD", "buy", "2025-03-01T00:00:00Z", "abc", "5", "0"),
                LedgerFiles.row("Z5", "X-USD", "buy", "2025-03-01T00:00:00Z", "0", "5", "0"),
                LedgerFiles.row("Z6", "X-USD", "buy", "2025-03-01T00:00:00Z", "10", "-1", "0"),
                LedgerFiles.row("Z7", "X-USD", "buy", "2025-03-01T00:00:00Z", "10", "5", "-0.1"),
                LedgerFiles.row("Z8", "X-USD", "buy", "2025-03-01T00:00:00Z", "10", "5", "x"),
                LedgerFiles.row("Z9", "X-USD", "buy", "2025-02-30T00:00:00Z", "10", "5", "0"),
                LedgerFiles.row("Z9", "X-USD", "buy", "2025-03-01T00:00:30Z", "10", "2", "0")));
    Path ledger = LedgerFiles.write(dir.resolve("dirty.csv"), rows);
    Run floor = run(new JavaFloor(), ledger, dir);
    // B1, B2, B3 (05:31 at +05:30 is 00:01 UTC), S1 (the first), S2, Z9 (its second, valid row)
    assertEquals(6, floor.result.trades());
    for (Peer peer : List.of(new DuckDbFifo(), postgres)) {
      Run other = run(peer, ledger, dir);
      assertEquals(6, other.result.trades(), peer.name() + " trades kept");
      assertSameAllocations(floor, other);
    }
  }

  record Run(Peer peer, PeerResult result, AllocationsFile file) {}

  static Run run(Peer peer, Path ledger, Path dir) throws Exception {
    Path out = dir.resolve(peer.name() + ".csv");
    PeerResult result = peer.run(ledger, out);
    return new Run(peer, result, AllocationsFile.read(out));
  }

  /** Same (sell, buy, size) rows; pnl exact, or within a tolerance for DuckDB's DOUBLE. */
  static void assertSameAllocations(Run expected, Run actual) {
    List<String> want = expected.file.pairsAndSizes();
    List<String> got = actual.file.pairsAndSizes();
    if (!want.equals(got)) {
      List<String> missing = new ArrayList<>(want);
      missing.removeAll(got);
      List<String> extra = new ArrayList<>(got);
      extra.removeAll(want);
      throw new AssertionError(
          String.format(
              "%s disagrees with %s on (sell, buy, size): %d rows vs %d; missing %s; extra %s",
              actual.peer.name(),
              expected.peer.name(),
              got.size(),
              want.size(),
              missing.subList(0, Math.min(10, missing.size())),
              extra.subList(0, Math.min(10, extra.size()))));
    }
    Map<String, BigDecimal> pnl = new HashMap<>();
    for (AllocationsFile.Line l : expected.file.lines()) {
      pnl.put(l.sell() + "," + l.buy(), l.pnl());
    }
    BigDecimal tolerance =
        actual.peer instanceof DuckDbFifo ? DOUBLE_PNL_TOLERANCE : BigDecimal.ZERO;
    for (AllocationsFile.Line l : actual.file.lines()) {
      BigDecimal want1 = pnl.get(l.sell() + "," + l.buy());
      boolean same =
          want1 == null || l.pnl() == null
              ? Objects.equals(want1, l.pnl())
              : want1.subtract(l.pnl()).abs().compareTo(tolerance) <= 0;
      assertTrue(
          same,
          () ->
              String.format(
                  "%s pnl of %s/%s is %s, %s says %s",
                  actual.peer.name(), l.sell(), l.buy(), l.pnl(), expected.peer.name(), want1));
    }
  }
}
