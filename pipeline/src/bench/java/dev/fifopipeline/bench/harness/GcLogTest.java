package dev.fifopipeline.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
  @Test
  void peakUsedIsTheLargestBeforePauseOrAtExitAndPausesAddUp(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("gc.log");
    Files.write(
        log,
        List.of(
            "[0.012s][gc] Using G1",
            "[1.5s][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.500ms",
            "[2.0s][gc] GC(1) Concurrent Mark Cycle",
            "[2.1s][gc] GC(1) Pause Remark 449M->449M(1098M) 35.346ms",
            "[3.0s][gc] GC(2) Pause Full (G1 Compaction Pause) 1G->300M(1G) 100.000ms",
            "[4.0s][gc,heap,exit] Heap",
            "[4.0s][gc,heap,exit]  garbage-first heap   total 1124352K, used 462341K [0x0, 0x1)",
            "[4.0s][gc,heap,exit]  Metaspace       used 147660K, committed 149248K"));
    GcLog gc = GcLog.read(log);
    assertEquals(1024, gc.peakUsedMb());
    assertEquals(1098, gc.peakCommittedMb());
    assertEquals(3, gc.pauses());
    assertEquals(138.846, gc.pauseMillis(), 1e-9);
  }

  @Test
  void aJvmThatNeverCollectedShowsItsExitFigure(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("gc.log");
    Files.write(
        log,
        List.of("[0.3s][gc,heap,exit]  garbage-first heap   total 262144K, used 53423K [0x0)"));
    GcLog gc = GcLog.read(log);
    assertEquals(52, gc.peakUsedMb());
    assertEquals(256, gc.peakCommittedMb());
    assertEquals(0, gc.pauses());
  }

  @Test
  void aMissingLogGivesUnknownFigures(@TempDir Path dir) throws Exception {
    assertEquals(-1, GcLog.read(dir.resolve("none.log")).peakUsedMb());
  }
}
