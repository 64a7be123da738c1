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
  private final SimulatedCrash.Armed crash = new SimulatedCrash.Armed();

  public TempLake() {
    try {
      root = Files.createTempDirectory("fifo-lake-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lake = new Lake(SharedSpark.session(), root.resolve("lake").toString(), crash);
  }

  /** A new temporary lake holding a copy of {@code other}'s tables and state. */
  public static TempLake copyOf(TempLake other) {
    TempLake copy = new TempLake();
    Path from = other.root.resolve("lake");
    Path to = copy.root.resolve("lake");
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!path.getFileName().toString().equals("run.lock")) {
          Files.copy(path, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  public Lake lake() {
    return lake;
  }

  /**
   * Makes the next job on this lake that reaches {@code point} throw {@link SimulatedCrash} there,
   * until the returned handle is closed.
   */
  public Armed crashAt(String point) {
    crash.arm(point);
    return () -> crash.arm(null);
  }

  /** An armed crash point; closing it disarms it. */
  public interface Armed extends AutoCloseable {
    @Override
    void close();
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
