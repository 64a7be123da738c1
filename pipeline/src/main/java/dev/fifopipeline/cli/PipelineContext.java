package dev.fifopipeline.cli;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.lake.CrashPoints;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.spark.QuickCompilation;
import dev.fifopipeline.spark.Sessions;
import dev.fifopipeline.spark.SmallInputs;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
  private boolean resize;
  private boolean runsOnce = true;

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

  Clock clock() {
    return clock;
  }

  SparkSession spark() {
    return spark(settings.spark(), List.of());
  }

  /**
   * The lake, for a command that reads only the lake: the session, if it has not started yet, sized
   * to the lake ({@link SmallInputs}).
   */
  Lake lake() {
    return lakeReading(List.of());
  }

  /**
   * The lake, for a command that reads the ledger source too: the session, if it has not started
   * yet, sized to the lake and a file source; a database source counts as large.
   */
  Lake lakeAndSource() {
    SourceSettings source = settings.source();
    if (source.kind() == SourceKind.JDBC) {
      return lake(SmallInputs.compiled(settings.spark()));
    }
    return lakeReading(List.of(source.path()));
  }

  /**
   * The lake, for a nightly that refreshes what the last complete nightly left at {@code since}:
   * the session, if it has not started yet, sized to the lake and the source files written since
   * ({@link SmallInputs#settingsForRefresh}); a database source counts as large.
   */
  Lake lakeForRefresh(Instant since) {
    SourceSettings source = settings.source();
    if (source.kind() == SourceKind.JDBC) {
      return lakeAndSource();
    }
    return sized(
        List.of(settings.lakePath(), source.path()),
        () ->
            SmallInputs.settingsForRefresh(
                settings.spark(),
                settings.smallLakeBytes(),
                settings.smallRefreshBytes(),
                settings.lakePath(),
                source.path(),
                since));
  }

  /**
   * The lake, for a command that reads the lake and {@code inputs} (files, folders or globs): the
   * session, if it has not started yet, sized to them all.
   */
  Lake lakeReading(List<String> inputs) {
    List<String> all = new ArrayList<>(inputs);
    all.add(settings.lakePath());
    return sized(
        all, () -> SmallInputs.settingsFor(settings.spark(), settings.smallLakeBytes(), all));
  }

  /**
   * The lake, with the session built or sized again from {@code sizing} when it has not started yet
   * or {@link #sizeSessionAgain} asked for it; the running session as it is otherwise (its inputs
   * are not measured again).
   *
   * @param inputs what the command reads, for {@link QuickCompilation}
   */
  private Lake sized(List<String> inputs, Supplier<SparkSettings> sizing) {
    if (spark != null && !resize) {
      return new Lake(spark, settings.lakePath(), CrashPoints.fromSystemProperties());
    }
    return lake(sizing.get(), inputs);
  }

  /**
   * The lake, with the session built from {@code session} if it has not started yet, for a command
   * whose inputs are of unknown size.
   */
  Lake lake(SparkSettings session) {
    return lake(session, List.of());
  }

  /**
   * The lake, with the session built from {@code session} if it has not started yet.
   *
   * @param inputs what the command reads; empty: of unknown size
   */
  private Lake lake(SparkSettings session, List<String> inputs) {
    return new Lake(
        spark(session, inputs), settings.lakePath(), CrashPoints.fromSystemProperties());
  }

  /**
   * How many commands of this JVM have asked for a SparkSession: a command that refuses from the
   * lake's files alone must not (tests check it).
   */
  static final AtomicInteger SESSIONS_ASKED = new AtomicInteger();

  /**
   * Makes the next {@link #lake()} (or {@code lakeAndSource}, {@code lakeReading}) size the running
   * session again to what it reads then, for a command that runs again in the same process ({@code
   * nightly --every}) on a lake that may have grown past {@code pipeline.small-lake-below}: the
   * session is kept and its runtime settings changed.
   */
  void sizeSessionAgain() {
    resize = spark != null;
  }

  /**
   * Tells the context that its command runs again and again in this process ({@code nightly
   * --every}): the JVM then keeps its optimising compiler whatever the first run reads ({@link
   * QuickCompilation}).
   */
  void runsRepeatedly() {
    runsOnce = false;
  }

  private SparkSession spark(SparkSettings session, List<String> inputs) {
    if (resize) {
      spark = Sessions.create(session); // joins the running session, applying runtime settings
      resize = false;
    }
    if (spark == null) {
      SESSIONS_ASKED.incrementAndGet();
      started =
          SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
      if (QuickCompilation.wanted(
          started,
          runsOnce,
          () -> !inputs.isEmpty() && SmallInputs.isSmall(settings.quickCompileBytes(), inputs))) {
        QuickCompilation.apply();
      }
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
