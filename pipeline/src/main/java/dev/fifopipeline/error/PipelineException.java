package dev.fifopipeline.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the user can act on. The message is one line worded "Cannot X: reason (what to do)";
 * instances come from {@link Errors} only.
 */
public final class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private transient Map<String, Object> context = Map.of();

  PipelineException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
  }

  /** The exit code the command line ends with. */
  public ExitCode exitCode() {
    return exitCode;
  }

  /**
   * The values the message was made from, by the name of the {@link Errors} factory's parameter
   * (e.g. {@code version} to an {@code Integer}), in the factory's order; JDBC URLs redacted, the
   * cause left out (it is {@link #getCause()}). A value may be null where the factory allows it
   * (e.g. no closest setting). Never null; unmodifiable.
   */
  public Map<String, Object> context() {
    return context;
  }

  void context(Map<String, Object> values) {
    this.context = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
