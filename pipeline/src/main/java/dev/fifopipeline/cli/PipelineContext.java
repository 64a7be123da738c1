package dev.fifopipeline.cli;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.spark.Sessions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * What a command runs with: settings, output streams, a clock, and a SparkSession started on first
 * use and always stopped by {@link #close()}.
 */
final class PipelineContext implements AutoCloseable {
  private final Settings settings;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private SparkSession spark;
  private boolean started;
  private final long startedNanos = System.nanoTime();

  PipelineContext(Settings settings, PrintStream out, PrintStream err, Clock clock) {
    this.settings = settings;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  Settings settings() {
    return settings;
  }

  /** Results: what a script or a pipe reads. */
  PrintStream out() {
    return out;
  }

  /** Errors and warnings for a person. */
  PrintStream err() {
    return err;
  }

  /** When the command started ({@link System#nanoTime()}), for the durations it prints. */
  long startedNanos() {
    return startedNanos;
  }

  Clock clock() {
    return clock;
  }

  SparkSession spark() {
    return spark(settings.spark());
  }

  Lake lake() {
    return new Lake(spark(), settings.lakePath());
  }

  /** The lake, with the session built from {@code session} if it has not started yet. */
  Lake lake(SparkSettings session) {
    return new Lake(spark(session), settings.lakePath());
  }

  /**
   * How many commands of this JVM have asked for a SparkSession: a command that refuses from the
   * lake's files alone must not (tests check it).
   */
  static final AtomicInteger SESSIONS_ASKED = new AtomicInteger();

  private SparkSession spark(SparkSettings session) {
    if (spark == null) {
      SESSIONS_ASKED.incrementAndGet();
      started =
          SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
      spark = Sessions.create(session);
    }
    return spark;
  }

  @Override
  public void close() {
    if (spark != null && started) {
      spark.stop();
    }
    spark = null;
  }
}
