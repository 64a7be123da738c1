package dev.fifopipeline.cli;

import dev.fifopipeline.allocate.KnownVersions;
import dev.fifopipeline.config.Settings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.RunLock;
import dev.fifopipeline.maintain.MaintainJob;
import dev.fifopipeline.nightly.NightlyJob;
import dev.fifopipeline.nightly.NightlyMark;
import dev.fifopipeline.nightly.NightlyResult;
import dev.fifopipeline.nightly.NothingNew;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "nightly",
    description = {
      "The scheduled refresh: ingest, allocate version pipeline.version with pipeline.method"
          + " (all of it the first time, then the symbols with new trades), validate, publish"
          + " to PostgreSQL when a database is configured, and report all into report.out. Exit 1"
          + " when an invariant is broken (nothing is published or reported then)."
    })
final class NightlyCommand extends PipelineCommand {
  @Mixin StrictOption strictOption;

  @Option(
      names = "--full",
      description =
          "Recompute the whole version and its reports instead of the symbols with new trades.")
  boolean full;

  @Option(
      names = "--deep",
      description =
          "Validate by recomputing every symbol (validate --deep) instead of the symbols changed"
              + " since the last proof, and rebuild every symbol's reports (report all --full);"
              + " for a weekly schedule.")
  boolean deep;

  @Option(
      names = "--maintain",
      description =
          "Then maintain the lake (see maintain), when every invariant holds; for the schedule's"
              + " hourly run.")
  boolean maintain;

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      converter = Every.class,
      description =
          "Keep running: start a nightly every DURATION (30s, 5m, 1h) in this one process, its"
              + " Spark session kept warm between runs; each run holds the lake's lock only while"
              + " it runs, and a run that finds the lake busy is skipped. Stops at the first run"
              + " that does not exit 0, with that run's exit code; for a schedule of every few"
              + " minutes.")
  Duration every;

  @Option(
      names = "--runs",
      paramLabel = "N",
      description = "With --every: stop after N runs, skipped ones included (exit 0).")
  Integer runs;

  @Override
  boolean writesLake() {
    return every == null; // a repeating nightly locks each run, not the time between runs
  }

  @Override
  int run(PipelineContext context) {
    if (runs != null && (every == null || runs < 1)) {
      throw Errors.badRuns(runs, every != null);
    }
    return every == null ? once(context, System.nanoTime(), false) : repeat(context);
  }

  /**
   * Runs a nightly every {@link #every} until one does not exit 0 or {@link #runs} have started; a
   * run that takes longer than {@code every} is followed by the next at once, and one that finds
   * the lake busy with another run (after {@code pipeline.lock-wait}) is skipped with a line on
   * standard error, as a timer skips a tick.
   */
  private int repeat(PipelineContext context) {
    Settings settings = context.settings();
    context.runsRepeatedly();
    for (int run = 1; ; run++) {
      long started = System.nanoTime();
      int code = ExitCode.OK.code();
      Optional<RunLock> lock =
          RunLock.acquireUnlessBusy(settings.lakePath(), "nightly", settings.lockWait());
      if (lock.isEmpty()) {
        context
            .err()
            .printf(
                "nightly: skipped: another fifo-pipeline run is using the lake (%s); the next run"
                    + " tries again%n",
                RunLock.holder(settings.lakePath()));
      } else {
        try (RunLock held = lock.get()) {
          context.sizeSessionAgain();
          code = once(context, started, run > 1);
        }
      }
      if (code != ExitCode.OK.code() || (runs != null && run >= runs)) {
        return code;
      }
      long wait = started + every.toNanos() - System.nanoTime();
      try {
        top.pause.await(Math.max(0, wait));
      } catch (InterruptedException e) { // only a caller in this JVM interrupts: stop between runs
        Thread.currentThread().interrupt();
        return code;
      }
    }
  }

  /**
   * One nightly, started at {@code started} ({@link System#nanoTime()}); returns its exit code.
   *
   * @param brief when it finds nothing new, print only the last line: a repeating nightly's ticks
   *     after its first
   */
  private int once(PipelineContext context, long started, boolean brief) {
    int version = context.settings().pipelineVersion();
    String method = context.settings().pipelineMethod().label();
    KnownVersions.read(context.settings().lakePath())
        .flatMap(known -> known.method(version))
        .filter(existing -> !existing.equals(method))
        .ifPresent(
            existing -> {
              throw Errors.methodMismatch(version, existing, method);
            });
    if (maintain) {
      MaintainJob.checkRetention(context.settings().maintain());
    }
    if (!full && !deep) {
      Optional<NightlyMark> quiet = NothingNew.since(context.settings());
      if (quiet.isPresent()) {
        return printNothingNew(context, quiet.get(), started, brief);
      }
    }
    Optional<Instant> refreshing =
        full || deep ? Optional.empty() : NothingNew.lastNightly(context.settings());
    Lake lake = refreshing.map(context::lakeForRefresh).orElseGet(context::lakeAndSource);
    NightlyResult result =
        new NightlyJob(lake, context.settings(), context.clock(), full, deep).run();
    context.out().println(result.ingest().summary());
    context.out().println(result.allocate().summary());
    context.out().print(result.validation().listing());
    if (result.publish() != null) {
      context.out().println(result.publish().summary());
    } else if (!context.settings().sink().isConfigured()) {
      context.out().println("publish: skipped (no database configured: sink.jdbc.url)");
    }
    if (result.report() != null) {
      context.out().println(result.report().oneLine());
    } else if (result.validation().ok()) {
      context.out().println("report: unchanged (nothing new since the last reports)");
    }
    context.out().println(unmatchedLine(result.unmatchedSells(), version));
    if (!result.validation().ok()) {
      context.out().printf("nightly: done in %.1f s%n", result.durationMs() / 1000.0);
      throw Errors.invariantsBroken(result.validation().version(), result.validation().total());
    }
    maintainIfAsked(context);
    context.out().printf("nightly: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    boolean flagged = result.ingest().quarantined() > 0 || result.unmatchedSells() > 0;
    return ExitCode.strict(strictOption.strict, flagged);
  }

  /** The version's unmatched sells (all symbols, not only the recomputed ones), in one line. */
  private static String unmatchedLine(long unmatched, int version) {
    return unmatched == 0
        ? "unmatched sells: 0"
        : String.format(
            "unmatched sells: %d (report unmatched --version %d lists likely causes)",
            unmatched, version);
  }

  /** With --maintain, maintains the lake and prints its lines. */
  private void maintainIfAsked(PipelineContext context) {
    if (maintain) {
      MaintainCommand.print(
          new MaintainJob(context.lake(), context.settings().maintain(), false).run(), context);
    }
  }

  /**
   * The lines of a nightly that found nothing changed since the last complete one; only the last
   * when {@code brief}.
   */
  private int printNothingNew(
      PipelineContext context, NightlyMark last, long started, boolean brief) {
    Settings settings = context.settings();
    int version = settings.pipelineVersion();
    PrintStream out = context.out();
    if (!brief) {
      out.printf(
          "ingest: nothing new (source, lake and settings as the nightly of %s left them)%n",
          last.at());
      out.printf(
          "allocate v%d (%s, incremental): nothing to compute%n",
          version, settings.pipelineMethod().label());
      out.printf(
          "validate v%d: unchanged since the nightly of %s proved all 6 invariants"
              + " (validate --deep re-proves every symbol)%n",
          version, last.at());
      out.println(
          settings.sink().isConfigured()
              ? "publish v" + version + ": up to date"
              : "publish: skipped (no database configured: sink.jdbc.url)");
      out.println("report: unchanged (nothing new since the last reports)");
      out.println(unmatchedLine(last.unmatched(), version));
    }
    maintainIfAsked(context);
    out.printf("nightly: done in %.1f s (nothing new)%n", (System.nanoTime() - started) / 1e9);
    return ExitCode.strict(strictOption.strict, last.flagged());
  }
}
