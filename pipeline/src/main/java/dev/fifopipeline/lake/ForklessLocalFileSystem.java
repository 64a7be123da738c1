package dev.fifopipeline.lake;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system (the {@code file} scheme) without its child processes.
 *
 * <p>Without Hadoop's native library, which no Maven artifact ships, Hadoop 3.3's local file system
 * runs {@code chmod} for every file and folder it creates and {@code readlink} each time Hadoop's
 * {@code FileContext} (Delta's log writes) looks at a path: some 450 processes in a nightly of the
 * bundled sample and 360 in a run of the 5-minute schedule, each a few milliseconds of a large JVM
 * starting a process. This one sets permissions and recognises links through {@code java.nio}
 * instead; the rest is Hadoop's. {@link dev.fifopipeline.spark.Sessions} makes it the {@code file}
 * scheme's file system ({@link #settings()}), as does the product's own Hadoop configuration before
 * a session ({@link #configuration()}).
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {
  /** Names the {@code FileSystem} of the {@code file} scheme. */
  public static final String FILE_SYSTEM = "fs.file.impl";

  /**
   * Names the {@code AbstractFileSystem} (behind {@code FileContext}) of the {@code file} scheme.
   */
  public static final String CONTEXT_FILE_SYSTEM = "fs.AbstractFileSystem.file.impl";

  /** Hadoop calls this, through {@link #FILE_SYSTEM}. */
  public ForklessLocalFileSystem() {
    super(new Raw());
  }

  /** The Hadoop settings that make these classes the {@code file} scheme's. */
  public static Map<String, String> settings() {
    return Map.of(
        FILE_SYSTEM,
        ForklessLocalFileSystem.class.getName(),
        CONTEXT_FILE_SYSTEM,
        ForContext.class.getName());
  }

  /**
   * A Hadoop configuration without Hadoop's default files, with {@link #settings()}: for the
   * product's file reads before its Spark session, so that the file system Hadoop caches for the
   * {@code file} scheme, which the session then shares, is this one.
   */
  public static Configuration configuration() {
    return withDefaults(new Configuration(false));
  }

  /** {@code conf} with {@link #settings()} where it names no file system of its own. */
  public static Configuration withDefaults(Configuration conf) {
    settings().forEach(conf::setIfUnset);
    return conf;
  }

  /** The local file system underneath the checksums. */
  public static final class Raw extends RawLocalFileSystem {
    /** Sets {@code permission} as {@code chmod} would, sticky bit aside (left to Hadoop). */
    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(path, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(permission));
    }

    /**
     * The status of {@code path} without following a last link: Hadoop's (which asks {@code
     * readlink}) for a link, the plain status otherwise, which is what Hadoop's gives for a path
     * that is not a link.
     */
    @Override
    public FileStatus getFileLinkStatus(Path path) throws IOException {
      if (Files.isSymbolicLink(pathToFile(path).toPath())) {
        return super.getFileLinkStatus(path);
      }
      return getFileStatus(path);
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
      Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
      add(
          bits,
          permission.getUserAction(),
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
      add(
          bits,
          permission.getGroupAction(),
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE);
      add(
          bits,
          permission.getOtherAction(),
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
      return bits;
    }

    private static void add(
        Set<PosixFilePermission> bits,
        FsAction action,
        PosixFilePermission read,
        PosixFilePermission write,
        PosixFilePermission execute) {
      if (action.implies(FsAction.READ)) {
        bits.add(read);
      }
      if (action.implies(FsAction.WRITE)) {
        bits.add(write);
      }
      if (action.implies(FsAction.EXECUTE)) {
        bits.add(execute);
      }
    }
  }

  /** The same for {@code FileContext}: Hadoop's {@code LocalFs}, checksums over {@link Raw}. */
  public static final class ForContext extends ChecksumFs {
    /** Hadoop calls this, through {@link #CONTEXT_FILE_SYSTEM}. */
    public ForContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawForContext(uri, conf));
    }
  }

  /** Hadoop's {@code RawLocalFs} over {@link Raw}. */
  static final class RawForContext extends DelegateToFileSystem {
    RawForContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(FsConstants.LOCAL_FS_URI, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1; // no port for file:///
    }

    @Override
    public FsServerDefaults getServerDefaults(Path path) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @Deprecated
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // as Hadoop's: the operating system decides
    }
  }
}
