package dev.fifopipeline.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file under a folder, at any depth, with its length, and no folder. */
class FolderFilesTest {

  @Test
  void listsEveryFileAtAnyDepthWithItsLength(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("a.csv"), new byte[3]);
    Path day = Files.createDirectories(dir.resolve("day=2026-12-06/hour=01"));
    Files.write(day.resolve("b.parquet"), new byte[5]);
    Files.createDirectories(dir.resolve("empty"));
    FileSystem fs = FileSystem.getLocal(ForklessLocalFileSystem.configuration());

    List<FileStatus> files = FolderFiles.under(fs, new org.apache.hadoop.fs.Path(dir.toString()));

    Set<String> found =
        files.stream()
            .map(f -> dir.relativize(Path.of(f.getPath().toUri())) + " " + f.getLen())
            .collect(Collectors.toSet());
    assertEquals(Set.of("a.csv 3", "day=2026-12-06/hour=01/b.parquet 5"), found);
    // a LocatedFileStatus asks for the file's permissions: on the local file system without
    // Hadoop's native library, a process per file
    assertFalse(files.stream().anyMatch(f -> f instanceof LocatedFileStatus));
  }
}
