package dev.fifopipeline.config;

/**
 * A password or token: its {@link #toString()} never shows the value.
 *
 * @param value the secret, empty when not set (never null)
 */
public record Secret(String value) {
  /** Normalises null to empty. */
  public Secret {
    value = value == null ? "" : value;
  }

  /** Whether a value is set. */
  public boolean isSet() {
    return !value.isEmpty();
  }

  @Override
  public String toString() {
    return isSet() ? "***" : "";
  }
}
