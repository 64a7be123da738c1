package dev.fifopipeline.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Every file under a folder, listed folder by folder with {@link FileSystem#listStatus}.
 *
 * <p>Not {@link FileSystem#listFiles}: on the local file system each {@code LocatedFileStatus} it
 * builds asks for the file's permissions, which Hadoop without its native library does by running
 * {@code ls} once per file. A source folder of 300 late batches then took about 3 s to list, and
 * the time grew with every file a 5-minute schedule added; length and modification time need none
 * of that.
 */
public final class FolderFiles {
  private FolderFiles() {}

  /** The files (not folders) under {@code folder} at any depth, in no particular order. */
  public static List<FileStatus> under(FileSystem fs, Path folder) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    List<Path> folders = new ArrayList<>(List.of(folder));
    while (!folders.isEmpty()) {
      for (FileStatus status : fs.listStatus(folders.remove(folders.size() - 1))) {
        if (status.isDirectory()) {
          folders.add(status.getPath());
        } else {
          files.add(status);
        }
      }
    }
    return files;
  }
}
