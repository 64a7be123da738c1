package dev.fifopipeline.error;

/** Process exit codes of the command line, as the product contract defines them. */
public enum ExitCode {
  /** Done; rows sent to review and unmatched sells are reported, not failures. */
  OK(0),
  /**
   * An invariant is broken (validate, nightly), a symbol failed to allocate, or {@code --strict}
   * found what it fails on (review rows, unmatched sells, reconcile differences).
   */
  INVARIANT(1),
  /** Wrong usage: bad flags, unknown version, refusing to overwrite, bad configuration. */
  USAGE(2),
  /** Environment: database unreachable, wrong password, lake unreadable or unwritable. */
  ENVIRONMENT(3),
  /** A bug: an unexpected exception; the log file has the stack trace. */
  INTERNAL(4),
  /**
   * The JVM ran out of heap: Spark's own exit code when a task does, and the command's when the
   * driver's main thread does.
   */
  OUT_OF_MEMORY(52);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The numeric process exit code. */
  public int code() {
    return code;
  }

  /**
   * The exit code of a run that otherwise succeeded: {@link #INVARIANT}'s when {@code --strict} was
   * given and the run {@code found} what it fails on, else {@link #OK}'s.
   */
  public static int strict(boolean strict, boolean found) {
    return (strict && found ? INVARIANT : OK).code();
  }
}
