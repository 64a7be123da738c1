package dev.fifopipeline.lake;

/**
 * Named points where tests make a run die, to prove crash safety. With the system property {@code
 * fifo.crash-at} equal to a point's name the process halts there at once, as if killed with SIGKILL
 * (no shutdown hooks, no cleanup); with {@code fifo.crash-mode=throw} it throws an {@link Error}
 * instead, for in-process tests; with {@code fifo.crash-mode=wait} it creates the file named by
 * {@code fifo.crash-signal} and waits there, for a test to kill the process from outside with
 * SIGKILL. Without the property nothing happens.
 */
public final class FaultInjection {
  private FaultInjection() {}

  /** Dies here if asked to. */
  public static void point(String name) {
    if (name.equals(System.getProperty("fifo.crash-at"))) {
      String mode = System.getProperty("fifo.crash-mode", "halt");
      if (mode.equals("throw")) {
        throw new SimulatedCrash(name);
      }
      if (mode.equals("wait")) {
        waitForKill(name);
      }
      Runtime.getRuntime().halt(137);
    }
  }

  /** Says where it is, then waits for SIGKILL; halts after ten minutes if none comes. */
  private static void waitForKill(String name) {
    try {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of(System.getProperty("fifo.crash-signal")), name);
      Thread.sleep(600_000);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write fifo.crash-signal", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A crash simulated in-process: nothing may catch and clean up after it. */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String point) {
      super("simulated crash at " + point);
    }
  }
}
