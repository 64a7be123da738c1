package dev.fifopipeline.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LauncherTest {
  @Test
  void generatorNeverGetsLessThanItsOwnHeapButKeepsALargerOne() {
    assertEquals("4g", Launcher.generatorHeap("1g"));
    assertEquals("4g", Launcher.generatorHeap("512m"));
    assertEquals("4096m", Launcher.generatorHeap("4096m"));
    assertEquals("8g", Launcher.generatorHeap("8g"));
  }
}
