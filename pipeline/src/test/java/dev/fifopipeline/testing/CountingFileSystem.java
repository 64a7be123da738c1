package dev.fifopipeline.testing;

import dev.fifopipeline.lake.ForklessLocalFileSystem;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;

/** The local file system, counting its folder listings: for code that must find files by name. */
public final class CountingFileSystem extends FilterFileSystem {
  private final AtomicInteger listings = new AtomicInteger();

  /**
   * Over the JVM's cached local file system, the product's ({@link ForklessLocalFileSystem}):
   * Hadoop caches the first one created for the {@code file} scheme, which the tests' Spark session
   * then shares.
   */
  public CountingFileSystem() throws IOException {
    super(FileSystem.getLocal(ForklessLocalFileSystem.configuration()));
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
