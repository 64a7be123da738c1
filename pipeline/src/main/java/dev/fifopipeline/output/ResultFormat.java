package dev.fifopipeline.output;

/** How {@code sql} prints results: CSV for scripts and pipes, an aligned table for people. */
public enum ResultFormat {
  CSV,
  TABLE
}
