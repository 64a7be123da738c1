package dev.fifopipeline.cli;

import java.util.concurrent.TimeUnit;

/**
 * How {@code nightly --every} waits for its next run's start: {@link #SLEEP} in the product; a test
 * gives its own to run the next one on cue.
 */
@FunctionalInterface
interface Pause {
  /** Sleeps for the time asked. */
  Pause SLEEP = TimeUnit.NANOSECONDS::sleep;

  /**
   * Returns when the next run may start, {@code nanos} from now (at once when 0).
   *
   * @throws InterruptedException when the wait is interrupted: the loop stops between runs
   */
  void await(long nanos) throws InterruptedException;
}
