package dev.fifopipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideBySideTest {

  @Test
  void runsEveryTaskOnSeveralThreads() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch together = new CountDownLatch(2);
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(
          () -> {
            together.countDown();
            try {
              // the first two tasks only finish once both run at the same time
              assertTrue(together.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            threads.add(Thread.currentThread().getName());
            done.incrementAndGet();
          });
    }
    SideBySide.run("side", tasks);
    assertEquals(5, done.get());
    assertEquals(Set.of("side"), threads);
  }

  @Test
  void rethrowsTheFailureAsThrownOnceTheOtherTasksHaveEnded() {
    IllegalArgumentException failure = new IllegalArgumentException("cannot write pnl_daily");
    AtomicInteger ended = new AtomicInteger();
    List<Runnable> tasks =
        List.of(
            () -> {
              throw failure;
            },
            () -> {
              sleep(300);
              ended.incrementAndGet();
            },
            () -> {
              sleep(300);
              ended.incrementAndGet();
            },
            () -> ended.incrementAndGet());
    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> SideBySide.run("side", tasks));
    assertSame(failure, thrown);
    assertEquals(3, ended.get());
  }

  @Test
  void mapsEveryKeyToItsValueInTheOrderOfTheKeys() {
    List<String> keys = List.of("tax_lots", "pnl_daily", "win_rate", "pnl_by_symbol");
    Map<String, Integer> values =
        SideBySide.map(
            "side",
            keys,
            key -> {
              sleep(key.length() * 20L); // later keys may end first
              return key.length();
            });
    assertEquals(keys, List.copyOf(values.keySet()));
    assertEquals(List.of(8, 9, 8, 13), List.copyOf(values.values()));
  }

  @Test
  void runsASingleTaskOnTheCallersThread() {
    List<String> threads = new ArrayList<>();
    SideBySide.run("side", List.of(() -> threads.add(Thread.currentThread().getName())));
    assertEquals(List.of(Thread.currentThread().getName()), threads);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
