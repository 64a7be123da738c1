package dev.fifopipeline.sql;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;

/**
 * Runs one statement at a time so that another thread (the prompt's Ctrl-C handler) can cancel it.
 * The statement runs on a thread of its own, its Spark jobs in a job group of their own with task
 * threads interrupted on cancel. A cancel is remembered until the statement ends: Spark 3.5 cancels
 * only the jobs of a group that are running when asked, and a statement may still be planning or
 * reading a Delta log, or start its next job after one was cancelled, so the group is cancelled
 * again every {@link #POLL_MILLIS} until the statement returns.
 */
final class Cancellation {
  static final long POLL_MILLIS = 50;
  private static final AtomicLong GROUPS = new AtomicLong();

  private final SparkContext spark;
  private volatile String runningGroup;
  private volatile boolean cancelRequested;

  Cancellation(SparkContext spark) {
    this.spark = spark;
  }

  /**
   * Runs {@code statement} and waits for it.
   *
   * @param description what Spark's UI shows for its jobs
   * @return true when it ran to its end; false when {@link #cancel()} stopped it
   * @throws RuntimeException what the statement threw, unless it was cancelled
   */
  boolean run(String description, Runnable statement) {
    String group = "fifo-sql-" + GROUPS.incrementAndGet();
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              spark.setJobGroup(group, description, true);
              try {
                statement.run();
              } finally {
                spark.clearJobGroup();
              }
              return null;
            });
    Thread thread = new Thread(task, "fifo-sql-statement");
    thread.setDaemon(true);
    cancelRequested = false;
    runningGroup = group;
    thread.start();
    try {
      while (true) {
        try {
          task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          return true;
        } catch (TimeoutException e) {
          if (cancelRequested) {
            spark.cancelJobGroup(group);
          }
        } catch (InterruptedException e) {
          cancelRequested = true; // the waiting thread was interrupted: stop the statement too
        } catch (ExecutionException e) {
          if (cancelRequested) {
            return false;
          }
          if (e.getCause() instanceof RuntimeException failure) {
            throw failure;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      runningGroup = null;
    }
  }

  /** Cancels the running statement, if any; safe from any thread (a signal handler). */
  void cancel() {
    String group = runningGroup;
    if (group != null) {
      cancelRequested = true;
      spark.cancelJobGroup(group);
    }
  }
}
