package dev.fifopipeline.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symbol oversold mid-stream: S1 sells 8 while only B1's 5 are open, then B2 buys 4 and S2 sells
 * them. The lot queue gives S1 B1's 5 and an unmatched rest of 3, and S2 all of B2. The textbook
 * ranges without the oversell shift let the later B2 feed the earlier S1 instead.
 */
class OversellShiftTest {
  private static JdbcSettings db;

  /** The oversold symbol, plus a second symbol that ties a buy and sells at one instant. */
  private static final List<String> LEDGER =
      List.of(
          LedgerFiles.row("S2", "A-USD", "sell", "2025-01-04T00:00:00Z", "130", "4", "0.8"),
          LedgerFiles.row("B1", "A-USD", "buy", "2025-01-01T00:00:00Z", "100", "5", "1"),
          LedgerFiles.row("B2", "A-USD", "buy", "2025-01-03T00:00:00Z", "110", "4", "0.4"),
          LedgerFiles.row("S1", "A-USD", "sell", "2025-01-02T00:00:00Z", "120", "8", "1.6"),
          // at one instant: the buy comes first, then the sells by order_id (Q1 before Q2)
          LedgerFiles.row("Q2", "B-USD", "sell", "2025-01-01T00:00:00Z", "3", "2", "0"),
          LedgerFiles.row("Q1", "B-USD", "sell", "2025-01-01T00:00:00Z", "3", "2", "0"),
          LedgerFiles.row("P9", "B-USD", "buy", "2025-01-01T00:00:00Z", "2", "3", "0"));

  /** sell,buy,size of the lot queue. */
  private static final List<String> QUEUE =
      List.of("Q1,P9,2", "Q2,,1", "Q2,P9,1", "S1,,3", "S1,B1,5", "S2,B2,4");

  @BeforeAll
  static void database() {
    db = TestDatabase.freshDatabase("unused");
  }

  private static List<Peer> peers(boolean shift) {
    return List.of(
        new DuckDbFifo(0, shift),
        new PostgresFifo(db.url(), db.user(), db.password().value(), shift));
  }

  @Test
  void everyPeerMatchesTheLotQueue(@TempDir Path dir) throws Exception {
    Path ledger = LedgerFiles.write(dir.resolve("oversold.csv"), LEDGER);
    PeerAgreementTest.Run floor = PeerAgreementTest.run(new JavaFloor(), ledger, dir);
    assertEquals(QUEUE, floor.file().pairsAndSizes());
    // by hand: S1/B1 proceeds 600 - 1.6 x 5/8, cost 500 + 1 (B1 fully consumed); S2/B2 likewise
    assertEquals(new BigDecimal("98"), pnl(floor, "S1", "B1").stripTrailingZeros());
    assertEquals(new BigDecimal("78.8"), pnl(floor, "S2", "B2").stripTrailingZeros());
    for (Peer peer : peers(true)) {
      PeerAgreementTest.assertSameAllocations(floor, PeerAgreementTest.run(peer, ledger, dir));
    }
  }

  @Test
  void withoutTheShiftALaterBuyFeedsAnEarlierOversoldSell(@TempDir Path dir) throws Exception {
    Path ledger = LedgerFiles.write(dir.resolve("oversold.csv"), LEDGER);
    for (Peer peer : peers(false)) {
      List<String> textbook = PeerAgreementTest.run(peer, ledger, dir).file().pairsAndSizes();
      assertNotEquals(QUEUE, textbook, peer.name());
      assertTrue(textbook.contains("S1,B2,3"), peer.name() + " without the shift: " + textbook);
    }
  }

  private static BigDecimal pnl(PeerAgreementTest.Run run, String sell, String buy) {
    return run.file().lines().stream()
        .filter(l -> l.sell().equals(sell) && buy.equals(l.buy()))
        .findFirst()
        .orElseThrow()
        .pnl();
  }
}
