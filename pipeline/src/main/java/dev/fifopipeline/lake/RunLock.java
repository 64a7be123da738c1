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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writing run at a time per lake: an operating-system lock on {@code <lake>/_fifo/run.lock},
 * released when the run ends or its process dies (even killed with SIGKILL). A lake on a remote
 * file system (a URI such as s3a://) cannot be locked this way: there the lock is a no-op with a
 * warning, and the scheduler must not overlap runs.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
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
    if (lakeRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      LOG.warn("lake {} is not a local folder: runs are not locked against each other", lakeRoot);
      return new RunLock(null, null);
    }
    Path file = Path.of(lakeRoot, "_fifo", "run.lock");
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
          return new RunLock(channel, lock);
        }
        if (!Instant.now().isBefore(deadline)) {
          String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
          channel.close();
          throw Errors.lakeBusy(lakeRoot, holder.isEmpty() ? "holder unknown" : holder);
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
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.warn("could not release the lake lock cleanly: {}", e.getMessage());
    }
  }
}
