package dev.fifopipeline.ingest;

import dev.fifopipeline.lake.FolderFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files a csv or parquet source path names: the file itself, every file under a folder (read
 * recursively), or every file a glob matches. Names starting with {@code _} or {@code .} are left
 * out, as Spark leaves them out ({@code _SUCCESS}, {@code .crc} files, {@code _temporary/}).
 *
 * @param files each file with its length and modification time, sorted by path
 * @param nested whether some file lies in a subfolder of a matched folder (a partitioned Parquet
 *     export, say), which Spark reads differently from a list of files
 */
public record SourceFiles(List<SourceFile> files, boolean nested) {

  /** One file of the source, as the file system describes it. */
  public record SourceFile(String path, long length, long modified) {}

  /** The files {@code where} names on {@code fs}; no files when nothing matches. */
  public static SourceFiles list(FileSystem fs, String where) throws IOException {
    FileStatus[] matched = fs.globStatus(new Path(where));
    List<SourceFile> files = new ArrayList<>();
    boolean nested = false;
    for (FileStatus status : matched == null ? new FileStatus[0] : matched) {
      if (!status.isDirectory()) {
        add(files, status, status.getPath().getName());
        continue;
      }
      String folder = status.getPath().toUri().getPath();
      for (FileStatus file : FolderFiles.under(fs, status.getPath())) {
        String relative = file.getPath().toUri().getPath().substring(folder.length() + 1);
        if (add(files, file, relative) && relative.contains("/")) {
          nested = true;
        }
      }
    }
    files.sort(Comparator.comparing(SourceFile::path));
    return new SourceFiles(List.copyOf(files), nested);
  }

  /** Adds {@code file} unless a part of its {@code relative} path is hidden; whether it did. */
  private static boolean add(List<SourceFile> files, FileStatus file, String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return false;
      }
    }
    files.add(new SourceFile(file.getPath().toString(), file.getLen(), file.getModificationTime()));
    return true;
  }
}
