package dev.fifopipeline.lake;

import io.delta.storage.HDFSLogStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Delta's log store for a lake on a local disk or a mounted share (the {@code file} scheme):
 * Delta's own default for it, {@link HDFSLogStore}, with a listing that costs what it returns.
 *
 * <p>Delta lists a table's {@code _delta_log} folder from a version on (its last checkpoint) each
 * time it refreshes the table's snapshot: a hundred times and more in one {@code nightly}. The
 * default asks Hadoop for the status of every file in the folder, then keeps those named at or
 * after the start. A lake refreshed every five minutes gains some 1,400 log files a table a day
 * (commits, Delta's checksums and Hadoop's {@code .crc} of each) until Delta's log retention
 * removes them, so each listing, and with them each run, grows slower through the day. This store
 * reads the folder's names alone, keeps those at or after the start, and asks the status of those:
 * the files since the last checkpoint, a few dozen.
 *
 * <p>Every other scheme (HDFS, object stores), and writing and reading, are Delta's own. {@link
 * dev.fifopipeline.spark.Sessions} makes this the {@code file} scheme's store unless the user or
 * spark-submit names another ({@code spark.delta.logStore.file.impl}).
 */
public final class LocalLogStore extends HDFSLogStore {
  /** The Spark setting that names the log store of the {@code file} scheme. */
  public static final String SETTING = "spark.delta.logStore.file.impl";

  /** Called by Delta with the session's Hadoop configuration. */
  public LocalLogStore(Configuration hadoopConf) {
    super(hadoopConf);
  }

  /**
   * The files of {@code path}'s folder named at or after {@code path}'s name, by name, as Delta's
   * default lists them: Hadoop's own {@code .crc} files left out, a file deleted while it is listed
   * left out as a listing a moment later would.
   *
   * @throws FileNotFoundException when the folder does not exist
   */
  @Override
  public Iterator<FileStatus> listFrom(Path path, Configuration hadoopConf) throws IOException {
    FileSystem fs = path.getFileSystem(hadoopConf);
    if (!(fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem)) {
      return super.listFrom(path, hadoopConf);
    }
    Path folder = fs.makeQualified(path.getParent());
    java.nio.file.Path dir = java.nio.file.Path.of(folder.toUri().getPath());
    ChecksumFileSystem checksums = fs instanceof ChecksumFileSystem c ? c : null;
    String from = path.getName();
    List<String> names = new ArrayList<>();
    try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(dir)) {
      for (java.nio.file.Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.compareTo(from) >= 0
            && (checksums == null || !checksums.isChecksumFile(new Path(folder, name)))) {
          names.add(name); // Hadoop's own .crc files hidden, as its listing hides them
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      throw new FileNotFoundException("No such file or directory: " + path.getParent());
    }
    Collections.sort(names);
    long blockSize = fs.getDefaultBlockSize(folder);
    List<FileStatus> statuses = new ArrayList<>(names.size());
    for (String name : names) {
      BasicFileAttributes file;
      try {
        file = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class);
      } catch (NoSuchFileException deleted) {
        continue;
      }
      statuses.add(
          new FileStatus(
              file.size(),
              file.isDirectory(),
              1,
              blockSize,
              file.lastModifiedTime().toMillis(),
              new Path(folder, name)));
    }
    return statuses.iterator();
  }
}
