package dev.fifopipeline.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.publish.PublishScope.Group;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which symbols a publish sends, from the batches published and those in the lake. */
@Tag("unit")
class PublishScopeTest {
  private static final Group BTC = new Group("kraken", "BTC-USD");
  private static final Group ETH = new Group(null, "ETH-USD");
  private static final Group SOL = new Group("kraken", "SOL-USD");

  @Test
  void nothingPublishedYetSendsTheWholeVersion() {
    PublishScope scope = PublishScope.compare(Map.of(), Map.of(BTC, "b1", ETH, "b1"));
    assertTrue(scope.full());
    assertEquals(Set.of("BTC-USD", "ETH-USD"), scope.changed());
  }

  @Test
  void onlySymbolsWithANewerBatchOrGoneFromTheLakeAreSent() {
    PublishScope scope =
        PublishScope.compare(Map.of(BTC, "b1", ETH, "b1", SOL, "b1"), Map.of(BTC, "b1", ETH, "b2"));
    assertFalse(scope.full());
    assertEquals(Set.of("ETH-USD", "SOL-USD"), scope.changed());
  }

  @Test
  void anUpToDateVersionSendsNothingAndEveryChangedSymbolSendsAll() {
    Map<Group, String> published = Map.of(BTC, "b1", ETH, "b1");
    assertEquals(Set.of(), PublishScope.compare(published, published).changed());
    assertTrue(PublishScope.compare(published, Map.of(BTC, "b2", ETH, "b2")).full());
  }
}
