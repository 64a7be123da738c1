package dev.fifopipeline.error;

import java.util.Objects;

/**
 * A failure the user can act on. The message is one line worded "Cannot X: reason (what to do)";
 * instances come from {@link Errors} only.
 */
public final class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  PipelineException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
  }

  /** The exit code the command line ends with. */
  public ExitCode exitCode() {
    return exitCode;
  }
}
