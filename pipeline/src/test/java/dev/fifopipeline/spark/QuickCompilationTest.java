package dev.fifopipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A process that starts its session for one small command leaves C2 out; one that joins a running
 * session, repeats, or reads large inputs keeps the JVM as it was started.
 */
class QuickCompilationTest {
  @Test
  void onlyAProcessStartingItsSessionForOneSmallCommandLeavesC2Out() {
    assertTrue(QuickCompilation.wanted(true, true, () -> true));
    assertFalse(QuickCompilation.wanted(false, true, () -> true), "joins a running session");
    assertFalse(QuickCompilation.wanted(true, false, () -> true), "nightly --every");
    assertFalse(QuickCompilation.wanted(true, true, () -> false), "large inputs");
  }

  @Test
  void sizesTheInputsOnlyForAProcessThatStartsItsSessionForOneCommand() {
    AtomicInteger sized = new AtomicInteger();
    BooleanSupplier small = () -> sized.incrementAndGet() > 0;

    QuickCompilation.wanted(false, true, small);
    QuickCompilation.wanted(true, false, small);
    assertEquals(0, sized.get(), "no walk for a shared session or a repeat");
    QuickCompilation.wanted(true, true, small);
    assertEquals(1, sized.get());
  }

  @Test
  void theJvmTakesTheDirectiveOnce() throws Exception {
    QuickCompilation.apply();

    assertTrue(
        QuickCompilation.directives().contains("Exclude:true"),
        "C2 excluded: " + QuickCompilation.directives());
    assertFalse(QuickCompilation.apply(), "a second call adds nothing");
  }
}
