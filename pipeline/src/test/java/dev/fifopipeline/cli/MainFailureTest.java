package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.error.Errors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a failed command prints and exits with: one line, and the contract's exit code. */
@Tag("unit")
class MainFailureTest {

  @Test
  void theDriverRunningOutOfHeapExits52WithOneLine() {
    assertOutOfMemory(new OutOfMemoryError("Java heap space"));
    assertOutOfMemory(new IllegalStateException("collect failed", new OutOfMemoryError("GC")));
  }

  @Test
  void aPipelineFailureExitsWithItsCodeAndABugWith4() {
    Printed usage = failed(Errors.unknownVersion("report", 7, java.util.List.of(1)));
    assertEquals(2, usage.exit());
    assertTrue(usage.text().startsWith("Cannot report version 7"), usage.text());
    Printed bug = failed(new NullPointerException("oops"));
    assertEquals(4, bug.exit());
    assertTrue(bug.text().startsWith("Internal error: "), bug.text());
  }

  private static void assertOutOfMemory(Throwable e) {
    Printed printed = failed(e);
    assertEquals(52, printed.exit());
    assertEquals(1, printed.text().lines().count(), printed.text());
    assertTrue(
        printed.text().startsWith("Cannot finish the run: the JVM ran out of heap")
            && printed.text().contains("FIFO_DRIVER_MEMORY"),
        printed.text());
  }

  private static Printed failed(Throwable e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = Main.failed(e, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Printed(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  private record Printed(int exit, String text) {}
}
