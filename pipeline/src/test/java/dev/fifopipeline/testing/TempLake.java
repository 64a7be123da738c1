package dev.fifopipeline.testing;

import dev.fifopipeline.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A lake in a fresh temporary folder, deleted by {@link #close()}. */
public final class TempLake implements AutoCloseable {
  private final Path root;
  private final Lake lake;

  public TempLake() {
    try {
      root = Files.createTempDirectory("fifo-lake-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lake = new Lake(SharedSpark.session(), root.resolve("lake").toString());
  }

  public Lake lake() {
    return lake;
  }

  /** The folder holding the lake, for files tests write beside it. */
  public Path folder() {
    return root;
  }

  /** Writes {@code content} to a file in the folder and returns its path. */
  public Path file(String name, String content) {
    try {
      return Files.writeString(root.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
