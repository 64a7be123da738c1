package dev.fifopipeline.testing;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;

/** The local file system, counting its folder listings: for code that must find files by name. */
public final class CountingFileSystem extends FilterFileSystem {
  private final AtomicInteger listings = new AtomicInteger();

  /** A local file system of its own (Hadoop's defaults not read). */
  public CountingFileSystem() throws IOException {
    super(FileSystem.getLocal(new Configuration(false)));
  }

  /** The folder listings so far. */
  public int listings() {
    return listings.get();
  }

  @Override
  public FileStatus[] listStatus(Path folder) throws IOException {
    listings.incrementAndGet();
    return super.listStatus(folder);
  }
}
