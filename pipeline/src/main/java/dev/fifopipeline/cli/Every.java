package dev.fifopipeline.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code nightly --every}: a positive duration the way the configuration file writes one
 * ({@code 30s}, {@code 5m}, {@code 1h}, {@code 5 minutes}).
 */
final class Every implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    Duration every;
    try {
      every = ConfigFactory.parseMap(Map.of("every", text)).getDuration("every");
    } catch (ConfigException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a duration: expected a number and a unit, like 30s, 5m or 1h");
    }
    if (every.isNegative() || every.isZero()) {
      throw new TypeConversionException("'" + text + "' is not a positive duration");
    }
    return every;
  }
}
