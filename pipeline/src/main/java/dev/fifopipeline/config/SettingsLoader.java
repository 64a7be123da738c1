package dev.fifopipeline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.taxform.BasisReporting;
import dev.fifopipeline.taxform.FormSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads {@link Settings} once at start-up. Precedence, highest first: {@code --set} overrides,
 * environment variables ({@code FIFO_} + the key in upper case, dots and dashes as underscores),
 * the configuration file, {@code reference.conf}. Relative paths resolve against {@code
 * pipeline.home}.
 */
public final class SettingsLoader {
  private static final String SPARK_CONF = "spark.conf";
  private static final Set<String> OWN_SPARK_KEYS = Set.of("spark.master", "spark.app-name");
  private static final String FORM_ACCOUNTS = "tax.form-8949.accounts";
  private static final String DELETION_VECTORS =
      "spark.databricks.delta.properties.defaults.enableDeletionVectors";
  private static final String LOG_RETENTION =
      "spark.databricks.delta.properties.defaults.logRetentionDuration";

  private SettingsLoader() {}

  /**
   * What to load.
   *
   * @param configFile the --config file, or null for {@code <home>/conf/application.conf} if
   *     present
   * @param overrides --set key=value pairs, in order
   * @param environment the process environment
   * @param defaultHome home when neither --set nor the environment names one
   */
  public record Request(
      Path configFile,
      Map<String, String> overrides,
      Map<String, String> environment,
      Path defaultHome) {}

  /**
   * Loads and validates the settings.
   *
   * @throws PipelineException (usage) naming the key and value at fault
   */
  public static Settings load(Request request) {
    Config reference =
        ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), "reference.conf");
    Config overrides = overrides(request.overrides(), reference);
    Config environment = environment(request.environment(), reference);
    Path home = home(overrides, environment, request.defaultHome());
    Config file = file(request.configFile(), home, reference);
    Config user = overrides.withFallback(environment).withFallback(file);
    Config merged =
        user.withFallback(ConfigFactory.parseMap(Map.of("pipeline.home", home.toString())))
            .withFallback(reference);
    try {
      return settings(merged.resolve(), user, home);
    } catch (ConfigException e) {
      throw Errors.badConfiguration(e);
    }
  }

  /** The environment variable that overrides {@code key}. */
  public static String environmentName(String key) {
    return "FIFO_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Config overrides(Map<String, String> pairs, Config reference) {
    Config config = ConfigFactory.empty();
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      String key = pair.getKey().strip();
      String path;
      if (key.startsWith(SPARK_CONF + ".")) {
        path =
            ConfigUtil.joinPath("spark", "conf", unquoted(key.substring(SPARK_CONF.length() + 1)));
      } else if (key.startsWith("spark.") && !OWN_SPARK_KEYS.contains(key)) {
        path = ConfigUtil.joinPath("spark", "conf", key); // any Spark setting, e.g. spark.sql.*
      } else if (key.startsWith(FORM_ACCOUNTS + ".")) {
        path = key; // any account name
      } else if (isKnown(reference, key)) {
        path = key;
      } else {
        throw Errors.unknownSetting("apply --set " + key, key, closestKey(reference, key));
      }
      config = config.withValue(path, ConfigValueFactory.fromAnyRef(pair.getValue()));
    }
    return config;
  }

  /**
   * A Spark key as written after {@code spark.conf.}, without the double quotes a configuration
   * file needs around it ({@code spark.conf."spark.ui.enabled"}), which Spark would otherwise take
   * as part of the name and ignore.
   */
  private static String unquoted(String sparkKey) {
    return sparkKey.length() > 1 && sparkKey.startsWith("\"") && sparkKey.endsWith("\"")
        ? sparkKey.substring(1, sparkKey.length() - 1)
        : sparkKey;
  }

  private static boolean isKnown(Config reference, String key) {
    try {
      return reference.hasPath(key);
    } catch (ConfigException.BadPath e) {
      return false;
    }
  }

  private static Config environment(Map<String, String> env, Config reference) {
    Config config = ConfigFactory.empty();
    for (Map.Entry<String, ConfigValue> entry : reference.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith(SPARK_CONF + ".")) {
        continue;
      }
      String value = env.get(environmentName(key));
      if (value != null) {
        config = config.withValue(key, ConfigValueFactory.fromAnyRef(value));
      }
    }
    return config;
  }

  private static Path home(Config overrides, Config environment, Path defaultHome) {
    String home =
        overrides.hasPath("pipeline.home")
            ? overrides.getString("pipeline.home")
            : environment.hasPath("pipeline.home") ? environment.getString("pipeline.home") : null;
    Path base = defaultHome.toAbsolutePath().normalize();
    return home == null ? base : base.resolve(home).normalize();
  }

  private static Config file(Path explicit, Path home, Config reference) {
    Path file = explicit != null ? explicit : home.resolve("conf/application.conf");
    if (explicit == null && !Files.exists(file)) {
      return ConfigFactory.empty();
    }
    if (!Files.isRegularFile(file)) {
      throw Errors.badConfigFile(
          file.toString(), new java.io.FileNotFoundException("no such file"));
    }
    Config parsed;
    try {
      parsed =
          ConfigFactory.parseFile(
              file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw Errors.badConfigFile(file.toString(), e);
    }
    checkKeys(parsed.root(), List.of(), reference, file);
    return parsed;
  }

  /**
   * Refuses a key of the configuration file that reference.conf does not have, as {@code --set}
   * does: a typo would otherwise leave the default in force without a word. Anything under {@code
   * spark.conf} passes to Spark as is.
   */
  private static void checkKeys(ConfigObject object, List<String> at, Config reference, Path file) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      List<String> path = new ArrayList<>(at);
      path.add(entry.getKey());
      if (path.size() > 2 && path.get(0).equals("spark") && path.get(1).equals("conf")) {
        continue;
      }
      if (path.size() > 3 && ConfigUtil.joinPath(path.subList(0, 3)).equals(FORM_ACCOUNTS)) {
        continue;
      }
      if (entry.getValue() instanceof ConfigObject child) {
        checkKeys(child, path, reference, file);
        continue;
      }
      String key = ConfigUtil.joinPath(path);
      if (!isKnown(reference, key)) {
        throw Errors.unknownSetting(
            "read configuration file " + file, key, closestKey(reference, key));
      }
    }
  }

  /** The key of reference.conf nearest to {@code key} by edit distance. */
  static String closestKey(Config reference, String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : reference.entrySet().stream().map(Map.Entry::getKey).sorted().toList()) {
      if (known.startsWith(SPARK_CONF + ".")) {
        continue;
      }
      int distance = editDistance(key, known);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static Settings settings(Config c, Config user, Path home) {
    JdbcSettings sourceJdbc =
        new JdbcSettings(
            c.getString("source.jdbc.url"),
            c.getString("source.jdbc.user"),
            new Secret(c.getString("source.jdbc.password")),
            c.getString("source.jdbc.table"),
            positive(c, "source.jdbc.fetch-size"),
            positive(c, "source.jdbc.partitions"),
            "public",
            duration(c, "source.jdbc.watermark-overlap"));
    JdbcSettings sink =
        new JdbcSettings(
            orElse(c.getString("sink.jdbc.url"), sourceJdbc.url()),
            orElse(c.getString("sink.jdbc.user"), sourceJdbc.user()),
            new Secret(orElse(c.getString("sink.jdbc.password"), sourceJdbc.password().value())),
            "",
            sourceJdbc.fetchSize(),
            1,
            c.getString("sink.jdbc.schema"),
            java.time.Duration.ZERO);
    Map<String, String> columns = new LinkedHashMap<>();
    for (String canonical :
        new TreeMap<>(c.getConfig("source.columns").root().unwrapped()).keySet()) {
      columns.put(canonical, c.getString(ConfigUtil.joinPath("source", "columns", canonical)));
    }
    SourceSettings source =
        new SourceSettings(
            sourceKind(c.getString("source.kind")),
            location(home, c.getString("source.path")),
            c.getString("source.csv.delimiter"),
            sourceJdbc,
            Map.copyOf(columns),
            duration(c, "source.clock-skew"));
    SparkSettings spark = spark(c, user);
    return new Settings(
        home,
        location(home, c.getString("lake.path")),
        source,
        sink,
        spark,
        dust(c.getString("matching.dust")),
        zone(c.getString("tax.timezone")),
        version(c),
        schedule(c.getString("pipeline.method"), scheduleText(c, "pipeline.method-schedule")),
        Path.of(location(home, c.getString("report.out"))),
        duration(c, "pipeline.lock-wait"),
        bytes(c, "pipeline.small-lake-below"),
        bytes(c, "pipeline.small-refresh-below"),
        bytes(c, "pipeline.quick-compile-below"),
        atLeastZero(c, "report.incremental-from"),
        new MaintainSettings(
            duration(c, "maintain.vacuum-retention"),
            booleanValue(c, "maintain.allow-short-retention"),
            positive(c, "maintain.min-files"),
            positiveBytes(c, "maintain.target-file-size"),
            logRetention(c)),
        formSettings(c));
  }

  private static FormSettings formSettings(Config c) {
    Map<String, BasisReporting> accounts = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : c.getConfig(FORM_ACCOUNTS).root().entrySet()) {
      String key = FORM_ACCOUNTS + "." + ConfigUtil.joinPath(entry.getKey());
      accounts.put(entry.getKey(), reporting(key, entry.getValue().unwrapped()));
    }
    return new FormSettings(
        reporting("tax.form-8949.reporting", c.getValue("tax.form-8949.reporting").unwrapped()),
        accounts,
        booleanValue(c, "tax.form-8949.summary-lines"));
  }

  private static BasisReporting reporting(String key, Object value) {
    return BasisReporting.parse(String.valueOf(value))
        .orElseThrow(
            () ->
                Errors.badSetting(
                    key,
                    value,
                    "is not what an exchange reported",
                    "use reported, not-reported or no-form"));
  }

  private static long positiveBytes(Config c, String key) {
    long bytes = bytes(c, key);
    if (bytes < 1) {
      throw Errors.badSetting(key, c.getValue(key).unwrapped(), "must be above 0", "e.g. 64M");
    }
    return bytes;
  }

  /**
   * The Spark settings, split into what the user set (any layer above reference.conf) and what only
   * reference.conf says, so that spark-submit's own settings can beat the latter alone.
   */
  private static SparkSettings spark(Config c, Config user) {
    Map<String, String> conf = new TreeMap<>();
    Map<String, String> defaults = new TreeMap<>();
    Set<String> userKeys =
        user.hasPath(SPARK_CONF) ? user.getConfig(SPARK_CONF).root().keySet() : Set.of();
    c.getConfig(SPARK_CONF)
        .root()
        .forEach(
            (key, value) ->
                (userKeys.contains(key) ? conf : defaults)
                    .put(key, String.valueOf(value.unwrapped())));
    (user.hasPath("spark.app-name") ? conf : defaults)
        .put(SparkSettings.APP_NAME, c.getString("spark.app-name"));
    if (!userKeys.contains(DELETION_VECTORS)) {
      (user.hasPath("lake.deletion-vectors") ? conf : defaults)
          .put(DELETION_VECTORS, String.valueOf(booleanValue(c, "lake.deletion-vectors")));
    }
    if (!userKeys.contains(LOG_RETENTION)) {
      (user.hasPath("lake.log-retention") ? conf : defaults)
          .put(LOG_RETENTION, MaintainSettings.logRetentionProperty(logRetention(c)));
    }
    return new SparkSettings(c.getString("spark.master"), conf, defaults);
  }

  private static boolean booleanValue(Config c, String key) {
    try {
      return c.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw Errors.badSetting(
          key, c.getValue(key).unwrapped(), "is not true or false", "e.g. true");
    }
  }

  /** A local path resolved against home, or a URI (scheme://...) as is. */
  static String location(Path home, String value) {
    if (value.isBlank() || value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return value;
    }
    return home.resolve(value.startsWith("file:") ? value.substring(5) : value)
        .normalize()
        .toString();
  }

  private static SourceKind sourceKind(String value) {
    try {
      return SourceKind.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Errors.badSetting(
          "source.kind", value, "is not a source kind", "use csv, parquet or jdbc");
    }
  }

  private static BigDecimal dust(String value) {
    try {
      BigDecimal dust = new BigDecimal(value.strip());
      if (dust.signum() >= 0) {
        return dust;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Errors.badSetting(
        "matching.dust", value, "is not a number >= 0", "e.g. \"0.00000001\"; 0 disables dust");
  }

  private static ZoneId zone(String value) {
    try {
      return ZoneId.of(value.strip());
    } catch (DateTimeException e) {
      throw Errors.badSetting(
          "tax.timezone", value, "is not a time zone", "use an IANA name like America/Los_Angeles");
    }
  }

  private static int version(Config c) {
    int version = intValue(c, "pipeline.version");
    if (version < 1) {
      throw Errors.badSetting("pipeline.version", version, "is not a version", "use 1 or more");
    }
    return version;
  }

  /** A schedule written as one string or as a list of entries, as one string. */
  private static String scheduleText(Config c, String key) {
    return c.getValue(key).valueType() == ConfigValueType.LIST
        ? String.join(";", c.getStringList(key))
        : c.getString(key);
  }

  /** pipeline.method-schedule when set, else the plain schedule of pipeline.method. */
  private static MethodSchedule schedule(String method, String schedule) {
    if (schedule.isBlank()) {
      return MethodSchedule.of(method(method));
    }
    try {
      return MethodSchedule.parse(schedule);
    } catch (IllegalArgumentException e) {
      throw Errors.badSetting(
          "pipeline.method-schedule",
          schedule,
          "is not a method schedule: " + e.getMessage(),
          "e.g. \"fifo;2025=hifo\", or \"\" to use pipeline.method");
    }
  }

  private static MatchingMethod method(String value) {
    try {
      return MatchingMethod.parse(value);
    } catch (IllegalArgumentException e) {
      throw Errors.badSetting(
          "pipeline.method", value, "is not a method", "use fifo, lifo or hifo");
    }
  }

  private static int positive(Config c, String key) {
    int value = intValue(c, key);
    if (value < 1) {
      throw Errors.badSetting(key, value, "must be at least 1", "e.g. 4");
    }
    return value;
  }

  private static int intValue(Config c, String key) {
    try {
      return c.getInt(key);
    } catch (ConfigException.WrongType e) {
      throw Errors.badSetting(key, c.getValue(key).unwrapped(), "is not a whole number", "e.g. 4");
    }
  }

  /** lake.log-retention, at least {@link MaintainSettings#SAFE_RETENTION}. */
  private static java.time.Duration logRetention(Config c) {
    String key = "lake.log-retention";
    java.time.Duration retention = duration(c, key);
    if (retention.compareTo(MaintainSettings.SAFE_RETENTION) < 0) {
      throw Errors.badSetting(
          key,
          c.getValue(key).unwrapped(),
          "is shorter than 24h: the run journal's recovery and a run's change data feed need the"
              + " commits of the last day",
          "e.g. 48h");
    }
    return retention;
  }

  private static java.time.Duration duration(Config c, String key) {
    try {
      return c.getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw Errors.badSetting(
          key, c.getValue(key).unwrapped(), "is not a duration", "e.g. 0s, 30s, 10m");
    }
  }

  private static long bytes(Config c, String key) {
    try {
      long bytes = c.getBytes(key);
      if (bytes >= 0) {
        return bytes;
      }
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      // reported below
    }
    throw Errors.badSetting(key, c.getValue(key).unwrapped(), "is not a size", "e.g. 0, 64M, 1G");
  }

  private static long atLeastZero(Config c, String key) {
    try {
      long value = c.getLong(key);
      if (value >= 0) {
        return value;
      }
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      // reported below
    }
    throw Errors.badSetting(
        key, c.getValue(key).unwrapped(), "is not a count", "e.g. 0 (always), 30000");
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
