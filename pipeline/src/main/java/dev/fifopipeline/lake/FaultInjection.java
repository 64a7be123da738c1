package dev.fifopipeline.lake;

/**
 * Named points where tests make a run die, to prove crash safety. With the system property {@code
 * fifo.crash-at} equal to a point's name the process halts there at once, as if killed with SIGKILL
 * (no shutdown hooks, no cleanup); with {@code fifo.crash-mode=throw} it throws an {@link Error}
 * instead, for in-process tests. Without the property nothing happens.
 */
public final class FaultInjection {
  private FaultInjection() {}

  /** Dies here if asked to. */
  public static void point(String name) {
    if (name.equals(System.getProperty("fifo.crash-at"))) {
      if ("throw".equals(System.getProperty("fifo.crash-mode"))) {
        throw new SimulatedCrash(name);
      }
      Runtime.getRuntime().halt(137);
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
