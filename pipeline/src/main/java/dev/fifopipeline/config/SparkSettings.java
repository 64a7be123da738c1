package dev.fifopipeline.config;

import java.util.Map;

/**
 * How the Spark session is built.
 *
 * @param master e.g. {@code local[*]}; ignored under spark-submit
 * @param appName shown in the Spark UI
 * @param conf any further Spark settings, passed as is
 */
public record SparkSettings(String master, String appName, Map<String, String> conf) {

  /** These settings with {@code more} added, replacing settings of the same name. */
  public SparkSettings with(Map<String, String> more) {
    Map<String, String> merged = new java.util.TreeMap<>(conf);
    merged.putAll(more);
    return new SparkSettings(master, appName, Map.copyOf(merged));
  }
}
