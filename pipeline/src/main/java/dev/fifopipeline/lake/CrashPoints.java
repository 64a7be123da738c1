package dev.fifopipeline.lake;

/**
 * Named points in the writing jobs (e.g. {@code allocate.after-allocations}) where a run can be
 * made to die, to prove that the next run completes its work. Jobs reach them through their {@link
 * Lake}. In production they do nothing, unless the process was started with {@code
 * -Dfifo.crash-at=POINT} (see {@link #fromSystemProperties}), as the process tests start the
 * launcher to kill it there.
 */
@FunctionalInterface
public interface CrashPoints {
  /** Never dies. */
  CrashPoints NONE = point -> {};

  /** Called when a run reaches {@code point}; may not return. */
  void reached(String point);

  /**
   * The crash point the process was started with: with the system property {@code fifo.crash-at}
   * equal to a point's name, the process halts there at once with exit 137, as if killed with
   * SIGKILL (no shutdown hooks, no cleanup); with {@code fifo.crash-mode=wait} it writes the
   * point's name to the file named by {@code fifo.crash-signal} and waits there for a test to kill
   * it from outside. Without the property, {@link #NONE}.
   */
  static CrashPoints fromSystemProperties() {
    String at = System.getProperty("fifo.crash-at");
    if (at == null || at.isBlank()) {
      return NONE;
    }
    boolean wait = "wait".equals(System.getProperty("fifo.crash-mode"));
    return new ProcessCrash(at, wait, System.getProperty("fifo.crash-signal"));
  }
}
