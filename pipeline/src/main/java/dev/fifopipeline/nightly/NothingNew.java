package dev.fifopipeline.nightly;

import dev.fifopipeline.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before any Spark work, that a nightly has nothing to do: the settings, the source, every
 * lake table and the database are as the last complete nightly left them ({@link NightlyMark}), no
 * run was interrupted, and the reports are in place. Each check reads a few files or asks the
 * database one query; any doubt means "run every step".
 */
public final class NothingNew {
  private static final Logger LOG = LoggerFactory.getLogger(NothingNew.class);

  private NothingNew() {}

  /**
   * What the last complete nightly left, when nothing has changed since.
   *
   * @param settings this run's settings
   * @return the last mark, or empty when this nightly has work to do
   */
  public static Optional<NightlyMark> since(Settings settings) {
    Optional<NightlyMark> last = NightlyMark.read(settings.lakePath());
    if (last.isEmpty()) {
      return Optional.empty();
    }
    NightlyMark mark = last.get();
    String reason = changed(settings, mark);
    if (reason != null) {
      LOG.info(
          "nightly: {} since the last complete nightly ({}): running every step",
          reason,
          mark.at());
      return Optional.empty();
    }
    return last;
  }

  /**
   * When the last complete nightly ended, if it ran with {@code settings}: a nightly now, without
   * --full or --deep, refreshes what it left.
   */
  public static Optional<Instant> lastNightly(Settings settings) {
    return NightlyMark.read(settings.lakePath())
        .filter(mark -> mark.ranWith(settings))
        .map(NightlyMark::endedAt);
  }

  /** What changed since {@code mark}, or null when nothing did. */
  private static String changed(Settings settings, NightlyMark mark) {
    if (!mark.ranWith(settings)) {
      return "the settings changed";
    }
    if (mark.unmatched() == null) {
      return "the last nightly did not record its unmatched sells";
    }
    String lake =
        settings.lakePath().startsWith("file:")
            ? settings.lakePath().substring(5)
            : settings.lakePath();
    if (Files.exists(Path.of(lake, "_fifo", "journal.json"))) {
      return "a run was interrupted";
    }
    Path report = settings.reportOut().resolve("v" + settings.pipelineVersion());
    if (!Files.isRegularFile(report.resolve("report.html"))) {
      return "the report files are missing";
    }
    try {
      if (!mark.lakeAsLeft(settings.lakePath())) {
        return "the lake was written";
      }
    } catch (IOException e) {
      return "the lake could not be listed";
    }
    if (!SourceFingerprint.of(settings.source()).map(mark.source()::equals).orElse(false)) {
      return "the source changed";
    }
    try {
      if (!Objects.equals(
          mark.database(),
          NightlyMark.databaseFacts(settings.sink(), settings.pipelineVersion()))) {
        return "the database changed";
      }
    } catch (SQLException e) {
      return "the database could not be asked";
    }
    return null;
  }
}
