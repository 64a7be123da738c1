package dev.fifopipeline.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file replaced whole or not at all, and nothing left beside it. No Spark. */
@Tag("unit")
class AtomicFilesTest {
  @TempDir Path folder;

  @Test
  void theNewContentReplacesTheOldAndNothingIsLeftBesideIt() throws IOException {
    Path file = folder.resolve("mark.json");
    Files.writeString(file, "old");
    long told =
        AtomicFiles.replace(file, written -> Files.writeString(written, "new").toFile().length());
    assertEquals(3, told);
    assertEquals("new", Files.readString(file));
    assertEquals(List.of(file), files());
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndRemovesItsPart() throws IOException {
    Path file = folder.resolve("tax_lots.csv");
    Files.writeString(file, "old");
    IOException failed =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.replace(
                    file,
                    written -> {
                      Files.writeString(written, "half");
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", failed.getMessage());
    assertEquals("old", Files.readString(file));
    assertEquals(List.of(file), files());
  }

  @Test
  void aFileThatDidNotExistAppears() throws IOException {
    Path file = folder.resolve("signal");
    AtomicFiles.replace(file, written -> Files.writeString(written, "publish.before-commit"));
    assertEquals("publish.before-commit", Files.readString(file));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.list(folder)) {
      return all.toList();
    }
  }
}
