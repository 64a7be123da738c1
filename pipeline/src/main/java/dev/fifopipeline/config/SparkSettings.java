package dev.fifopipeline.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the Spark session is built. Spark settings come in two kinds, so that a cluster user's own
 * settings are not silently replaced: {@code conf} holds what the user set for this product
 * (configuration file, environment, {@code --set}), which wins over everything; {@code defaults}
 * holds {@code reference.conf}'s values, which apply only where spark-submit ({@code --conf},
 * {@code --name}, {@code spark-defaults.conf}) gave no value.
 *
 * @param master e.g. {@code local[*]}; ignored under spark-submit, whose {@code --master} wins
 * @param conf Spark settings the user chose for this product, passed as is; never null
 * @param defaults Spark settings from {@code reference.conf} that no user setting replaced; never
 *     null, and no key of it is in {@code conf}
 */
public record SparkSettings(String master, Map<String, String> conf, Map<String, String> defaults) {
  /** The Spark key of the application name ({@code spark.app-name} in the configuration). */
  public static final String APP_NAME = "spark.app.name";

  public SparkSettings {
    conf = Map.copyOf(conf);
    Map<String, String> remaining = new TreeMap<>(defaults);
    remaining.keySet().removeAll(conf.keySet());
    defaults = Map.copyOf(remaining);
  }

  /** Settings with every value user-chosen: {@code appName} and {@code conf} win over all. */
  public SparkSettings(String master, String appName, Map<String, String> conf) {
    this(master, withAppName(conf, appName), Map.of());
  }

  /** These settings with {@code more} added as user-chosen, replacing settings of the same name. */
  public SparkSettings with(Map<String, String> more) {
    Map<String, String> merged = new TreeMap<>(conf);
    merged.putAll(more);
    return new SparkSettings(master, merged, defaults);
  }

  /**
   * These settings with {@code more} added as defaults: each applies only where neither the user's
   * settings nor spark-submit give a value.
   */
  public SparkSettings withDefaults(Map<String, String> more) {
    Map<String, String> merged = new TreeMap<>(more);
    merged.putAll(defaults);
    return new SparkSettings(master, conf, merged);
  }

  private static Map<String, String> withAppName(Map<String, String> conf, String appName) {
    Map<String, String> merged = new TreeMap<>(conf);
    merged.put(APP_NAME, appName);
    return merged;
  }
}
