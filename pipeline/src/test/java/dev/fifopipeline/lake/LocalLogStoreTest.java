package dev.fifopipeline.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.delta.storage.HDFSLogStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local log store lists a {@code _delta_log} folder from a name on exactly as Delta's default
 * store does (names, order, sizes, times, folders; Hadoop's own checksums hidden), reading the
 * status of the files it returns only.
 */
class LocalLogStoreTest {
  private final Configuration hadoop = ForklessLocalFileSystem.configuration();

  @Test
  void listsFromANameAsDeltasDefaultDoes(@TempDir Path table) throws IOException {
    Path log = Files.createDirectories(table.resolve(DeltaLogFiles.LOG));
    for (int v = 0; v <= 23; v++) {
      file(log, DeltaLogFiles.commitFile(v), "{\"commitInfo\":{}}\n" + "x".repeat(v), v);
      file(log, DeltaLogFiles.checksumFile(v), "{}", v);
      file(log, "." + DeltaLogFiles.commitFile(v) + ".crc", "hadoop", v); // Hadoop's checksum
    }
    file(log, String.format("%020d.checkpoint.parquet", 20), "parquet", 20);
    file(log, "_last_checkpoint", "{\"version\":20}", 21);
    Files.createDirectories(log.resolve("_commits"));

    for (String from :
        List.of(
            "-", // before every name, Hadoop's checksums (".x.crc") included
            String.format("%020d", 0),
            String.format("%020d", 20),
            String.format("%020d", 23),
            String.format("%020d", 24),
            DeltaLogFiles.commitFile(7),
            "_last_checkpoint")) {
      org.apache.hadoop.fs.Path start = new org.apache.hadoop.fs.Path(log.resolve(from).toUri());
      assertEquals(
          described(new HDFSLogStore(hadoop).listFrom(start, hadoop)),
          described(new LocalLogStore(hadoop).listFrom(start, hadoop)),
          "from " + from);
    }
    assertEquals(
        List.of(
            "00000000000000000020.checkpoint.parquet",
            "00000000000000000020.crc",
            "00000000000000000020.json",
            "00000000000000000021.crc",
            "00000000000000000021.json",
            "00000000000000000022.crc",
            "00000000000000000022.json",
            "00000000000000000023.crc",
            "00000000000000000023.json",
            "_commits",
            "_last_checkpoint"),
        names(
            new LocalLogStore(hadoop)
                .listFrom(
                    new org.apache.hadoop.fs.Path(log.resolve("00000000000000000020").toUri()),
                    hadoop)));
  }

  @Test
  void aMissingFolderIsNotFoundAsDeltaExpects(@TempDir Path table) {
    org.apache.hadoop.fs.Path start =
        new org.apache.hadoop.fs.Path(
            table.resolve(DeltaLogFiles.LOG).resolve(DeltaLogFiles.commitFile(0)).toUri());
    assertThrows(
        FileNotFoundException.class, () -> new LocalLogStore(hadoop).listFrom(start, hadoop));
    assertThrows(
        FileNotFoundException.class, () -> new HDFSLogStore(hadoop).listFrom(start, hadoop));
  }

  private static void file(Path log, String name, String text, int minute) throws IOException {
    Path file = Files.writeString(log.resolve(name), text);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + minute * 60_000L));
  }

  private static List<String> described(Iterator<FileStatus> listed) {
    List<String> found = new ArrayList<>();
    listed.forEachRemaining(
        s ->
            found.add(
                "%s dir=%s len=%d mtime=%d"
                    .formatted(s.getPath(), s.isDirectory(), s.getLen(), s.getModificationTime())));
    return found;
  }

  private static List<String> names(Iterator<FileStatus> listed) {
    List<String> found = new ArrayList<>();
    listed.forEachRemaining(s -> found.add(s.getPath().getName()));
    return found;
  }
}
