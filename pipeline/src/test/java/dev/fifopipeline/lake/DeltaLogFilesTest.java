package dev.fifopipeline.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fifopipeline.testing.CountingFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newest commit of a Delta log and the commits after its last checkpoint, found from the
 * checkpoint forward without listing the folder, as a listing would find them.
 */
class DeltaLogFilesTest {

  @Test
  void findsTheNewestCommitFromTheLastCheckpointWithoutListing(@TempDir Path table)
      throws IOException {
    Path log = log(table, 0, 24, 20); // commits 0-24, the last checkpoint at 20
    CountingFileSystem fs = new CountingFileSystem();

    assertEquals(24, DeltaLogFiles.newestCommit(fs, hadoop(log)));
    assertEquals(
        List.of(21L, 22L, 23L, 24L),
        List.copyOf(DeltaLogFiles.commitsAfterCheckpoint(fs, hadoop(log), 20).keySet()));
    assertEquals(OptionalLong.of(24), DeltaLogFiles.newestCommit(table));
    assertEquals(0, fs.listings(), "a few lookups, no listing");
  }

  @Test
  void aLogWhoseOldCommitsWereCleanedUpStartsFromItsCheckpoint(@TempDir Path table)
      throws IOException {
    Path log = log(table, 15, 27, 20);

    assertEquals(27, DeltaLogFiles.newestCommit(new CountingFileSystem(), hadoop(log)));
    assertEquals(OptionalLong.of(27), DeltaLogFiles.newestCommit(table));
  }

  @Test
  void aLogWithoutACheckpointIsFollowedFromItsFirstCommit(@TempDir Path table) throws IOException {
    Path log = log(table, 0, 6, -1);
    CountingFileSystem fs = new CountingFileSystem();

    assertEquals(6, DeltaLogFiles.newestCommit(fs, hadoop(log)));
    assertEquals(OptionalLong.of(6), DeltaLogFiles.newestCommit(table));
    assertEquals(0, fs.listings());
  }

  @Test
  void aLogWithNeitherPointerNorFirstCommitIsListed(@TempDir Path table) throws IOException {
    Path log = log(table, 15, 27, -1);
    Files.writeString(log.resolve("_last_checkpoint"), "{not json");
    CountingFileSystem fs = new CountingFileSystem();

    assertEquals(27, DeltaLogFiles.newestCommit(fs, hadoop(log)));
    assertEquals(
        13, DeltaLogFiles.commitsAfterCheckpoint(fs, hadoop(log), -1).size(), "every commit");
    assertEquals(OptionalLong.of(27), DeltaLogFiles.newestCommit(table));
  }

  @Test
  void aTableNeverWrittenHasNoCommit(@TempDir Path table) throws IOException {
    assertEquals(
        -1,
        DeltaLogFiles.newestCommit(new CountingFileSystem(), hadoop(table.resolve("_delta_log"))));
    assertEquals(OptionalLong.empty(), DeltaLogFiles.newestCommit(table));
    Files.createDirectories(table.resolve("_delta_log"));
    assertEquals(OptionalLong.empty(), DeltaLogFiles.newestCommit(table));
  }

  /** A log folder with commits {@code first} to {@code last} and their checksums, as Delta's. */
  private static Path log(Path table, int first, int last, int checkpoint) throws IOException {
    Path log = Files.createDirectories(table.resolve(DeltaLogFiles.LOG));
    for (int v = first; v <= last; v++) {
      Files.writeString(log.resolve(DeltaLogFiles.commitFile(v)), "{\"commitInfo\":{}}\n");
      Files.writeString(log.resolve(DeltaLogFiles.checksumFile(v)), "{}");
    }
    if (checkpoint >= 0) {
      Files.writeString(
          log.resolve(String.format("%020d.checkpoint.parquet", checkpoint)), "parquet");
      Files.writeString(
          log.resolve("_last_checkpoint"), "{\"version\":" + checkpoint + ",\"size\":3}");
    }
    return log;
  }

  private static org.apache.hadoop.fs.Path hadoop(Path path) {
    return new org.apache.hadoop.fs.Path(path.toUri());
  }
}
