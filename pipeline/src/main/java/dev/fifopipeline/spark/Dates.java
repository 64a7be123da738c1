package dev.fifopipeline.spark;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import dev.fifopipeline.engine.HoldingPeriod;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** Calendar dates of UTC timestamps in a given zone, as the engine takes them. */
public final class Dates {
  // Spark passes java.sql.Timestamp instead of Instant where the session's java8API setting is not
  // visible (jobs started outside a SQL execution, e.g. through Dataset.rdd): accept both
  private static final UserDefinedFunction LOCAL_DATE =
      udf(
              (UDF2<Object, String, LocalDate>)
                  (time, zone) ->
                      time == null ? null : HoldingPeriod.date(instant(time), ZoneId.of(zone)),
              DataTypes.DateType)
          .withName("fifo_local_date");

  private Dates() {}

  private static Instant instant(Object time) {
    return time instanceof Timestamp t ? t.toInstant() : (Instant) time;
  }

  /** The calendar date of {@code time} in {@code zone}; null for null. */
  public static Column localDate(Column time, ZoneId zone) {
    return LOCAL_DATE.apply(time, lit(zone.getId()));
  }
}
