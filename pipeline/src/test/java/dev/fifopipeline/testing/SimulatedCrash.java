package dev.fifopipeline.testing;

import dev.fifopipeline.lake.CrashPoints;

/**
 * A crash simulated in-process, thrown at the crash point a test armed with {@link
 * TempLake#crashAt}: an {@link Error}, so that nothing in the job catches it and cleans up.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  SimulatedCrash(String point) {
    super("simulated crash at " + point);
  }

  /** Crash points that throw at the one armed point, and pass every other. */
  static final class Armed implements CrashPoints {
    private volatile String point;

    @Override
    public void reached(String reached) {
      if (reached.equals(point)) {
        throw new SimulatedCrash(reached);
      }
    }

    void arm(String point) {
      this.point = point;
    }
  }
}
