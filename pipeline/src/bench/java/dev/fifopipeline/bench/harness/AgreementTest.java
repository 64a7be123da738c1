package dev.fifopipeline.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementTest {
  private static final String HEADER = "sell_order_id,buy_order_id,allocated_size,pnl";

  @Test
  void rowOrderAndTrailingZerosDoNotMatter(@TempDir Path dir) throws Exception {
    Path product = write(dir, "product.csv", "S1,B1,2.5,1.25", "S1,,0.5,", "S2,B2,1,-0.1");
    Path peer =
        write(dir, "peer.csv", "S2,B2,1.000000000000000000,-0.100", "S1,,0.50,", "S1,B1,2.50,1.25");
    Agreement a = Agreement.compare("peer", product, peer, BigDecimal.ZERO);
    assertTrue(a.agrees(), a.describe());
    assertEquals(3, a.peerRows());
  }

  @Test
  void anotherLotOrSizeIsReportedWithExamples(@TempDir Path dir) throws Exception {
    Path product = write(dir, "product.csv", "S1,B1,2.5,1.25", "S2,B2,1,-0.1");
    Path peer = write(dir, "peer.csv", "S1,B2,2.5,1.25", "S2,B2,1,-0.1");
    Agreement a = Agreement.compare("peer", product, peer, BigDecimal.ZERO);
    assertFalse(a.agrees());
    assertTrue(a.describe().startsWith("DISAGREES"), a.describe());
    assertEquals(List.of("product only S1,B1,2.5", "peer only S1,B2,2.5"), a.examples());
  }

  @Test
  void pnlWithinTheToleranceAgreesBeyondItNot(@TempDir Path dir) throws Exception {
    Path product = write(dir, "product.csv", "S1,B1,2.5,1.25");
    Path close = write(dir, "close.csv", "S1,B1,2.5,1.2500000001");
    assertTrue(Agreement.compare("d", product, close, new BigDecimal("0.0001")).agrees());
    assertFalse(Agreement.compare("d", product, close, BigDecimal.ZERO).agrees());
  }

  private static Path write(Path dir, String name, String... rows) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, HEADER + "\n" + String.join("\n", rows) + "\n");
    return file;
  }
}
