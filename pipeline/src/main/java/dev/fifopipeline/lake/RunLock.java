package dev.fifopipeline.lake;

import dev.fifopipeline.error.Errors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writing run at a time per lake: an operating-system lock on {@code <lake>/_fifo/run.lock},
 * released when the run ends or its process dies (even killed with SIGKILL). The file names its
 * holder while a run holds it and is emptied when the run ends, whether it succeeded or failed; a
 * holder named after a killed run is gone, and the next run takes the file over. The file itself
 * stays: deleting it would let a waiting run lock a file no longer at the path, and checking for
 * that by opening the path again would release this process's lock (POSIX locks go with any close
 * of the file). A lake on a remote file system (a URI such as s3a://) cannot be locked this way:
 * there the lock is a no-op with a warning, and the scheduler must not overlap runs.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, waiting up to {@code wait} for a running holder to finish.
   *
   * @param lakeRoot the lake folder
   * @param command what this run is, recorded for the message another run would print
   * @throws dev.fifopipeline.error.PipelineException (environment) when the lake stays busy
   */
  public static RunLock acquire(String lakeRoot, String command, Duration wait) {
    return acquireUnlessBusy(lakeRoot, command, wait)
        .orElseThrow(() -> Errors.lakeBusy(lakeRoot, holder(lakeRoot)));
  }

  /**
   * Takes the lock as {@link #acquire} does, or returns empty when another run still holds it after
   * {@code wait}.
   *
   * @throws dev.fifopipeline.error.PipelineException (environment) when the lock file cannot be
   *     written, or when interrupted while waiting
   */
  public static Optional<RunLock> acquireUnlessBusy(
      String lakeRoot, String command, Duration wait) {
    if (lakeRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      LOG.warn("lake {} is not a local folder: runs are not locked against each other", lakeRoot);
      return Optional.of(new RunLock(null, null, null));
    }
    Path file = lockFile(lakeRoot);
    Instant deadline = Instant.now().plus(wait);
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          String holder =
              "pid " + ProcessHandle.current().pid() + ", " + command + ", since " + Instant.now();
          channel.truncate(0);
          channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
          return Optional.of(new RunLock(file, channel, lock));
        }
        if (!Instant.now().isBefore(deadline)) {
          channel.close();
          return Optional.empty();
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (IOException e) {
      throw Errors.lakeUnwritable(lakeRoot, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.lakeBusy(lakeRoot, "interrupted while waiting");
    }
  }

  /** The run holding the lake's lock, as its lock file names it: "holder unknown" when none. */
  public static String holder(String lakeRoot) {
    try {
      String holder = readHolder(lockFile(lakeRoot));
      return holder.isEmpty() ? "holder unknown" : holder;
    } catch (IOException e) {
      return "holder unknown";
    }
  }

  /** The lake's lock file: {@code <lake>/_fifo/run.lock}. */
  private static Path lockFile(String lakeRoot) {
    return Path.of(lakeRoot, "_fifo", "run.lock");
  }

  /** What the lock file says, empty when it is gone or not yet written. */
  private static String readHolder(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (java.nio.file.NoSuchFileException e) {
      return "";
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this JVM
    }
  }

  @Override
  public void close() {
    if (channel == null) {
      return;
    }
    try {
      channel.truncate(0); // names no holder once the run is over
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.warn("could not release the lake lock cleanly: {}", e.getMessage());
    }
  }
}
