package dev.fifopipeline.lake;

import dev.fifopipeline.output.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ends the process at one crash point: at once, or after signalling and waiting to be killed. */
final class ProcessCrash implements CrashPoints {
  private final String at;
  private final boolean wait;
  private final String signal;

  ProcessCrash(String at, boolean wait, String signal) {
    this.at = at;
    this.wait = wait;
    this.signal = signal;
  }

  @Override
  public void reached(String point) {
    if (!point.equals(at)) {
      return;
    }
    if (wait) {
      waitForKill(point);
    }
    Runtime.getRuntime().halt(137);
  }

  /**
   * Says where it is, then waits for SIGKILL; halts after ten minutes if none comes. The signal
   * file appears whole (written beside it, then moved into place): a test that polls for it must
   * never read it empty.
   */
  private void waitForKill(String point) {
    try {
      AtomicFiles.replace(Path.of(signal), written -> Files.writeString(written, point));
      Thread.sleep(600_000);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write fifo.crash-signal " + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
