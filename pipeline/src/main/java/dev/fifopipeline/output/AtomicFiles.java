package dev.fifopipeline.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Local files that a reader finds whole or not at all: written beside their place, then moved into
 * it in one step. A reader, or a process killed while writing, sees the old file or the new one,
 * never part of one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes a file's content.
   *
   * @param <T> what the writing tells, e.g. how many rows it wrote
   */
  @FunctionalInterface
  public interface Content<T> {
    /** Writes the whole content into {@code file}, a new file. */
    T writeTo(Path file) throws IOException;
  }

  /**
   * Writes {@code file} anew: {@code content} into {@code .<name>.tmp} beside it, which then
   * replaces it. When writing fails, the file stays as it was and the one beside it is removed.
   *
   * @return what {@code content} returned
   */
  public static <T> T replace(Path file, Content<T> content) throws IOException {
    Path written = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      T told = content.writeTo(written);
      Files.move(
          written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return told;
    } finally {
      Files.deleteIfExists(written);
    }
  }
}
