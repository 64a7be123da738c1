package dev.fifopipeline.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file system without child processes leaves the disk as Hadoop's own does: the same
 * permissions on the files and folders it creates (and their checksums), the same status of a file,
 * a folder and a link, and Delta's way of writing a log file through {@code FileContext}.
 */
class ForklessLocalFileSystemTest {
  private static final URI LOCAL = URI.create("file:///");

  private static FileSystem hadoops() throws IOException {
    return FileSystem.newInstance(LOCAL, new Configuration(false));
  }

  private static FileSystem forkless() throws IOException {
    return FileSystem.newInstance(LOCAL, ForklessLocalFileSystem.configuration());
  }

  @Test
  void theProductsConfigurationNamesIt() throws IOException {
    try (FileSystem fs = forkless()) {
      assertTrue(fs instanceof ForklessLocalFileSystem, fs.getClass().getName());
    }
    try (FileSystem fs = hadoops()) {
      assertEquals(LocalFileSystem.class, fs.getClass());
    }
  }

  @Test
  void createsFilesAndFoldersWithHadoopsPermissions(@TempDir Path dir) throws IOException {
    try (FileSystem hadoop = hadoops();
        FileSystem forkless = forkless()) {
      for (String kind : new String[] {"hadoop", "forkless"}) {
        FileSystem fs = kind.equals("hadoop") ? hadoop : forkless;
        Path root = dir.resolve(kind);
        fs.mkdirs(path(root.resolve("a/b")));
        try (OutputStream out = fs.create(path(root.resolve("a/b/data.parquet")))) {
          out.write("rows".getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out =
            fs.create(
                path(root.resolve("a/private.txt")),
                new FsPermission((short) 0640),
                true,
                4096,
                (short) 1,
                32 << 20,
                null)) {
          out.write(1);
        }
        fs.setPermission(path(root.resolve("a")), new FsPermission((short) 0750));
      }
      for (String name :
          new String[] {
            "a",
            "a/b",
            "a/b/data.parquet",
            "a/b/.data.parquet.crc",
            "a/private.txt",
            "a/.private.txt.crc"
          }) {
        assertEquals(
            permissions(dir.resolve("hadoop").resolve(name)),
            permissions(dir.resolve("forkless").resolve(name)),
            name);
      }
    }
  }

  @Test
  void readsTheStatusOfFilesFoldersAndLinksAsHadoopDoes(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("file.json"), "{}");
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), file);
    Configuration conf = new Configuration(false);
    RawLocalFileSystem hadoop = new RawLocalFileSystem();
    hadoop.initialize(LOCAL, conf);
    RawLocalFileSystem forkless = new ForklessLocalFileSystem.Raw();
    forkless.initialize(LOCAL, conf);

    for (org.apache.hadoop.fs.Path p :
        new org.apache.hadoop.fs.Path[] {
          path(file), path(folder), path(link), new org.apache.hadoop.fs.Path(link.toString())
        }) {
      assertEquals(
          described(hadoop.getFileLinkStatus(p)), described(forkless.getFileLinkStatus(p)));
    }
    assertTrue(
        forkless.getFileLinkStatus(new org.apache.hadoop.fs.Path(link.toString())).isSymlink());
  }

  @Test
  void writesALogFileAsDeltaDoesThroughFileContext(@TempDir Path dir) throws IOException {
    for (String kind : new String[] {"hadoop", "forkless"}) {
      Configuration conf =
          kind.equals("hadoop") // Hadoop's FileContext reads its default files
              ? new Configuration()
              : ForklessLocalFileSystem.configuration();
      FileContext context = FileContext.getFileContext(LOCAL, conf);
      org.apache.hadoop.fs.Path log = path(dir.resolve(kind).resolve("_delta_log"));
      context.mkdir(log, FsPermission.getDirDefault(), true);
      org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(log, ".0.json.tmp");
      try (OutputStream out =
          context.create(
              temp,
              EnumSet.of(CreateFlag.CREATE),
              Options.CreateOpts.checksumParam(Options.ChecksumOpt.createDisabled()))) {
        out.write("{\"commitInfo\":{}}\n".getBytes(StandardCharsets.UTF_8));
      }
      context.rename(temp, new org.apache.hadoop.fs.Path(log, "00000000000000000000.json"));
    }
    for (String name : new String[] {"_delta_log", "_delta_log/00000000000000000000.json"}) {
      assertEquals(
          permissions(dir.resolve("hadoop").resolve(name)),
          permissions(dir.resolve("forkless").resolve(name)),
          name);
    }
    assertEquals(
        names(dir.resolve("hadoop/_delta_log")), names(dir.resolve("forkless/_delta_log")));
  }

  private static org.apache.hadoop.fs.Path path(Path local) {
    return new org.apache.hadoop.fs.Path(local.toUri());
  }

  private static java.util.List<String> names(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String permissions(Path local) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(local));
  }

  private static String described(FileStatus s) throws IOException {
    return "%s dir=%s link=%s len=%d mtime=%d"
        .formatted(
            s.getPath(),
            s.isDirectory(),
            s.isSymlink() ? s.getSymlink() : "-",
            s.getLen(),
            s.getModificationTime());
  }
}
