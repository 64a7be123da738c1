package dev.fifopipeline.ingest;

import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest ingested_at an ingest read from a source it can read incrementally (a PostgreSQL
 * table), kept in the lake's state: the next ingest of the same source reads from there, less
 * {@code source.jdbc.watermark-overlap}.
 */
final class SourceWatermark {
  private static final String STATE = "ingest-watermark";

  private final LakeState state;
  private final SourceSettings source;

  SourceWatermark(Lake lake, SourceSettings source) {
    this.state = new LakeState(lake);
    this.source = source;
  }

  /** Where the next read starts: the watermark less the overlap; empty when there is none. */
  Optional<Instant> readFrom() {
    return state
        .read(STATE)
        .filter(mark -> source.describe().equals(mark.get("source")))
        .map(mark -> Instant.parse((String) mark.get("ingested_at")))
        .map(mark -> mark.minus(source.jdbc().watermarkOverlap()));
  }

  /** Records {@code lastIngested}, the latest ingested_at of the rows just read. */
  void advance(Instant lastIngested) {
    Map<String, Object> mark = new LinkedHashMap<>();
    mark.put("source", source.describe());
    mark.put("ingested_at", lastIngested.toString());
    state.write(STATE, mark);
  }
}
