package dev.fifopipeline.allocate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of versions is trusted only at the computation log's newest commit. */
@Tag("unit")
class KnownVersionsTest {
  @TempDir Path lake;

  private void commit(long n) throws Exception {
    Path log = Files.createDirectories(lake.resolve("fifo_computation_log/_delta_log"));
    Files.writeString(log.resolve(String.format("%020d.json", n)), "{}\n");
  }

  private void record(long commit) throws Exception {
    Files.createDirectories(lake.resolve("_fifo/state"));
    Files.writeString(
        lake.resolve("_fifo/state/versions.json"),
        "{\"log_commit\":" + commit + ",\"versions\":{\"1\":\"fifo\",\"2\":\"hifo\"}}");
  }

  @Test
  void aLakeWithoutAComputationLogHasNoVersions() {
    Optional<KnownVersions> known = KnownVersions.read(lake.toString());

    assertTrue(known.isPresent());
    assertEquals(Optional.empty(), known.get().method(1));
  }

  @Test
  void theRecordAnswersWhileItsCommitIsTheNewest() throws Exception {
    commit(0);
    commit(1);
    record(1);

    KnownVersions known = KnownVersions.read(lake.toString()).orElseThrow();

    assertEquals(Optional.of("hifo"), known.method(2));
    assertEquals(Optional.empty(), known.method(3));
  }

  @Test
  void aLaterCommitOrAMissingRecordLeavesTheAnswerToSpark() throws Exception {
    commit(0);
    assertEquals(Optional.empty(), KnownVersions.read(lake.toString()), "no record");
    record(0);
    commit(1);
    assertEquals(Optional.empty(), KnownVersions.read(lake.toString()), "stale record");
    assertEquals(Optional.empty(), KnownVersions.read("s3a://bucket/lake"), "not local");
  }
}
