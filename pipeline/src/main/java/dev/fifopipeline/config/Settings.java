package dev.fifopipeline.config;

import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.taxform.FormSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * Typed, validated configuration, loaded once at start-up by {@link SettingsLoader}.
 *
 * @param home folder relative paths were resolved against
 * @param lakePath root of the Delta tables: an absolute local path or a URI
 * @param source the ledger source
 * @param sink where publish writes; falls back to the source database per field
 * @param spark session settings
 * @param dust base units below which a lot or a sell's rest is dust
 * @param taxZone zone of dates, holding periods and tax years
 * @param pipelineVersion version nightly maintains
 * @param pipelineMethod method or method schedule nightly computes its version with
 * @param reportOut folder for report files
 * @param lockWait how long a writing run waits for another run on the same lake
 * @param smallLakeBytes a command whose inputs (for {@code sql} the tables it names; for the others
 *     the lake and a file source) are smaller runs Spark interpreted on one partition
 * @param smallRefreshBytes a nightly refreshing what the last complete one left runs as small when
 *     the lake is smaller and the source files written since are smaller than {@code
 *     smallLakeBytes}; 0: sized as any other command
 * @param quickCompileBytes a command that starts its own session for inputs (as {@code
 *     smallLakeBytes} counts them) smaller than this runs without HotSpot's optimising compiler; 0:
 *     never
 * @param reportIncrementalFrom {@code report all} recomputes only the changed symbols of a version
 *     with at least this many allocations, every symbol of a smaller one
 * @param maintain what {@code maintain} does to each table
 * @param form8949 how {@code report tax --year Y} fills Form 8949 ({@code tax.form-8949})
 */
public record Settings(
    Path home,
    String lakePath,
    SourceSettings source,
    JdbcSettings sink,
    SparkSettings spark,
    BigDecimal dust,
    ZoneId taxZone,
    int pipelineVersion,
    MethodSchedule pipelineMethod,
    Path reportOut,
    java.time.Duration lockWait,
    long smallLakeBytes,
    long smallRefreshBytes,
    long quickCompileBytes,
    long reportIncrementalFrom,
    MaintainSettings maintain,
    FormSettings form8949) {}
