package dev.fifopipeline.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fifopipeline.error.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small JSON documents the pipeline keeps beside the tables, under {@code <lake>/_fifo/state/},
 * each replaced atomically (written aside, then renamed).
 */
public final class LakeState {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Lake lake;

  public LakeState(Lake lake) {
    this.lake = lake;
  }

  /** The document {@code name}, if written. */
  public Optional<Map<String, Object>> read(String name) {
    Path file = file(name);
    try {
      FileSystem fs = fs(file);
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = JSON.readValue(in, Map.class);
        return Optional.of(document);
      }
    } catch (IOException e) {
      throw Errors.lakeUnreadable(file.toString(), e);
    }
  }

  /** Replaces the document {@code name}. */
  public void write(String name, Map<String, Object> document) {
    Path file = file(name);
    Path tmp = new Path(file.getParent(), name + ".json.tmp");
    try {
      FileSystem fs = fs(file);
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(tmp, true)) {
        JSON.writeValue(out, document);
      }
      fs.delete(file, false);
      if (!fs.rename(tmp, file)) {
        throw new IOException("cannot rename " + tmp + " to " + file);
      }
    } catch (IOException e) {
      throw Errors.lakeUnwritable(lake.root(), e);
    }
  }

  /** Removes the document {@code name}. */
  public void delete(String name) {
    Path file = file(name);
    try {
      fs(file).delete(file, false);
    } catch (IOException e) {
      throw Errors.lakeUnwritable(lake.root(), e);
    }
  }

  private Path file(String name) {
    return new Path(lake.root() + "/_fifo/state/" + name + ".json");
  }

  private FileSystem fs(Path file) throws IOException {
    return file.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
  }
}
