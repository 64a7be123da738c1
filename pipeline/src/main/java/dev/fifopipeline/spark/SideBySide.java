package dev.fifopipeline.spark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent pieces of a job's driver work side by side: each Delta commit, log read or small
 * query of a step waits mostly on the driver (planning, the Delta log, a few tiny tasks), so a
 * step's independent tables are written, checked or collected on a few threads instead of one after
 * the other. Spark and Delta take jobs and commits to different tables from several threads; the
 * threads inherit the caller's job group.
 */
public final class SideBySide {
  /** Threads per call: two cores' worth of driver work and tiny tasks, and one waiting on I/O. */
  private static final int THREADS = 3;

  private SideBySide() {}

  /**
   * Computes every key's value side by side, as {@link #run} runs tasks.
   *
   * @param compute never returns null
   * @return each key's value, in the order of {@code keys}
   */
  public static <K, V> Map<K, V> map(String name, Collection<K> keys, Function<K, V> compute) {
    Map<K, V> values = new ConcurrentHashMap<>();
    run(
        name,
        keys.stream().<Runnable>map(key -> () -> values.put(key, compute.apply(key))).toList());
    Map<K, V> ordered = new LinkedHashMap<>();
    keys.forEach(key -> ordered.put(key, values.get(key)));
    return ordered;
  }

  /**
   * Runs every task and returns once all have ended.
   *
   * @param name the threads' name, for thread dumps and profiles
   * @throws RuntimeException the first task's failure, as it threw it (an {@link Error} too), after
   *     the others ended: nothing is still writing when this returns
   */
  public static void run(String name, List<Runnable> tasks) {
    if (tasks.size() <= 1) {
      tasks.forEach(Runnable::run);
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(THREADS, tasks.size()),
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      tasks.forEach(task -> running.add(pool.submit(task)));
      Throwable first = null;
      boolean interrupted = false;
      for (int i = 0; i < running.size(); ) {
        try {
          running.get(i).get();
          i++;
        } catch (ExecutionException e) {
          first = first == null ? e.getCause() : first;
          i++;
        } catch (InterruptedException e) { // wait on: a task may be mid-commit
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (first instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (first instanceof Error error) {
        throw error;
      }
      if (first != null) {
        throw new IllegalStateException(first);
      }
    } finally {
      pool.shutdown();
    }
  }
}
