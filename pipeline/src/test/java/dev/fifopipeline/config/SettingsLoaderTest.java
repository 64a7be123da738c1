package dev.fifopipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class SettingsLoaderTest {
  @TempDir Path home;

  private Settings load(Map<String, String> sets, Map<String, String> env) {
    return SettingsLoader.load(new SettingsLoader.Request(null, sets, env, home));
  }

  @Test
  void defaultsRunTheBundledSampleOnALocalLakeUnderHome() {
    Settings s = load(Map.of(), Map.of());
    assertEquals(home.resolve("data/lake").toString(), s.lakePath());
    assertEquals(SourceKind.CSV, s.source().kind());
    assertEquals(home.resolve("data/sample/trade_records.csv").toString(), s.source().path());
    assertEquals("local[*]", s.spark().master());
    assertEquals(new BigDecimal("0.00000001"), s.dust());
    assertEquals(ZoneId.of("UTC"), s.taxZone());
    assertEquals(1, s.pipelineVersion());
    assertEquals(MethodSchedule.of(MatchingMethod.FIFO), s.pipelineMethod());
    assertEquals("order_id", s.source().columns().get("order_id"));
    assertEquals(
        dev.fifopipeline.report.ReportJob.DEFAULT_INCREMENTAL_FROM, s.reportIncrementalFrom());
  }

  @Test
  void setBeatsEnvironmentBeatsFileBeatsReference() throws IOException {
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(
        home.resolve("conf/application.conf"),
        "pipeline.version = 2\ntax.timezone = \"Europe/Berlin\"\nmatching.dust = \"0.001\"\n");
    Settings s =
        load(
            Map.of("pipeline.version", "4"),
            Map.of("FIFO_PIPELINE_VERSION", "3", "FIFO_TAX_TIMEZONE", "America/Los_Angeles"));
    assertEquals(4, s.pipelineVersion(), "--set wins");
    assertEquals(ZoneId.of("America/Los_Angeles"), s.taxZone(), "environment beats the file");
    assertEquals(new BigDecimal("0.001"), s.dust(), "the file beats reference.conf");
  }

  @Test
  void explicitConfigFileIsRequiredToExist() {
    PipelineException e =
        assertThrows(
            PipelineException.class,
            () ->
                SettingsLoader.load(
                    new SettingsLoader.Request(
                        home.resolve("nope.conf"), Map.of(), Map.of(), home)));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith("Cannot read configuration file"), e.getMessage());
  }

  @Test
  void sinkFallsBackToTheSourceDatabaseAndSecretsNeverPrint() {
    Map<String, String> sets = new LinkedHashMap<>();
    sets.put("source.jdbc.url", "jdbc:postgresql://db:5432/bot?password=hunter2");
    sets.put("source.jdbc.user", "reader");
    sets.put("source.kind", "jdbc");
    Settings s = load(sets, Map.of("FIFO_SOURCE_JDBC_PASSWORD", "s3cret"));
    assertEquals("jdbc:postgresql://db:5432/bot?password=hunter2", s.sink().url());
    assertEquals("reader", s.sink().user());
    assertEquals("s3cret", s.sink().password().value());
    assertFalse(s.toString().contains("s3cret"), s.toString());
    assertFalse(s.toString().contains("hunter2"), s.toString());
    assertTrue(s.source().describe().contains("password=***"), s.source().describe());
  }

  @Test
  void anySparkSettingPassesThrough() {
    Settings s =
        load(
            Map.of("spark.sql.shuffle.partitions", "3", "spark.conf.spark.ui.enabled", "true"),
            Map.of());
    assertEquals("3", s.spark().conf().get("spark.sql.shuffle.partitions"));
    assertEquals("true", s.spark().conf().get("spark.ui.enabled"));
  }

  @Test
  void aSparkKeyQuotedAsInTheConfigurationFileLosesItsQuotes() {
    Settings s = load(Map.of("spark.conf.\"spark.sql.shuffle.partitions\"", "5"), Map.of());
    assertEquals("5", s.spark().conf().get("spark.sql.shuffle.partitions"));
    assertFalse(
        s.spark().conf().keySet().stream().anyMatch(k -> k.contains("\"")),
        s.spark().conf().toString());
  }

  @Test
  void malformedValuesNameTheKey() {
    assertMessage(
        Map.of("source.kind", "excel"), "Cannot load configuration: source.kind = 'excel'");
    assertMessage(Map.of("matching.dust", "-1"), "Cannot load configuration: matching.dust = '-1'");
    assertMessage(
        Map.of("pipeline.method", "random"),
        "Cannot load configuration: pipeline.method = 'random'");
    assertMessage(
        Map.of("pipeline.version", "two"), "Cannot load configuration: pipeline.version = 'two'");
    assertMessage(
        Map.of("report.incremental-from", "-5"),
        "Cannot load configuration: report.incremental-from = '-5'");
    assertMessage(
        Map.of("lake.pth", "x"),
        "Cannot apply --set lake.pth: lake.pth is not a setting (did you mean lake.path?");
  }

  @Test
  void aConfigurationFileIsCheckedAgainstReferenceConfLikeSet() throws IOException {
    Path file = home.resolve("typo.conf");
    Files.writeString(
        file, "lake.pth = \"/data/lake\"\nspark.conf { \"spark.sql.shuffle.partitions\" = 3 }\n");

    PipelineException e =
        assertThrows(
            PipelineException.class,
            () -> SettingsLoader.load(new SettingsLoader.Request(file, Map.of(), Map.of(), home)));

    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(
        "Cannot read configuration file "
            + file
            + ": lake.pth is not a setting (did you mean lake.path? reference.conf lists every"
            + " key; Spark settings go under spark.conf)",
        e.getMessage());
  }

  @Test
  void aConfigurationFileOfKnownKeysAndSparkSettingsLoads() throws IOException {
    Path file = home.resolve("good.conf");
    Files.writeString(
        file,
        "lake { path = \"/data/lake\" }\nsource.columns.order_id = id\n"
            + "spark.conf { \"spark.sql.shuffle.partitions\" = 3 }\nsource.clock-skew = 1m\n");

    Settings s = SettingsLoader.load(new SettingsLoader.Request(file, Map.of(), Map.of(), home));

    assertEquals("/data/lake", s.lakePath());
    assertEquals("id", s.source().columns().get("order_id"));
    assertEquals("3", s.spark().conf().get("spark.sql.shuffle.partitions"));
    assertEquals(java.time.Duration.ofMinutes(1), s.source().clockSkew());
  }

  @Test
  void aMisspelledNestedKeyOfTheFileNamesTheClosestKnownOne() throws IOException {
    Path file = home.resolve("nested.conf");
    Files.writeString(file, "source { jdbc { fetch-sise = 5 } }\n");

    PipelineException e =
        assertThrows(
            PipelineException.class,
            () -> SettingsLoader.load(new SettingsLoader.Request(file, Map.of(), Map.of(), home)));

    assertTrue(
        e.getMessage()
            .contains(
                "source.jdbc.fetch-sise is not a setting (did you mean"
                    + " source.jdbc.fetch-size?"),
        e.getMessage());
  }

  @Test
  void aMethodScheduleWinsOverTheMethodAsOneStringOrAListOfEntries() throws IOException {
    Settings set =
        load(
            Map.of("pipeline.method", "lifo", "pipeline.method-schedule", "fifo; 2025=HIFO"),
            Map.of());
    assertEquals("fifo;2025=hifo", set.pipelineMethod().label());

    Path file = home.resolve("schedule.conf");
    Files.writeString(file, "pipeline.method-schedule = [fifo, \"2025=hifo\", \"kraken:lifo\"]\n");
    Settings listed =
        SettingsLoader.load(new SettingsLoader.Request(file, Map.of(), Map.of(), home));
    assertEquals("fifo;2025=hifo;kraken:lifo", listed.pipelineMethod().label());

    assertMessage(
        Map.of("pipeline.method-schedule", "2025=hifo"),
        "Cannot load configuration: pipeline.method-schedule = '2025=hifo' is not a method"
            + " schedule: the default schedule starts with a year");
  }

  @Test
  void form8949BoxesFollowEachAccountsSettingAndTheDefaultIsNoForm() throws IOException {
    assertEquals(
        dev.fifopipeline.taxform.FormSettings.DEFAULT, load(Map.of(), Map.of()).form8949());
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(
        home.resolve("conf/application.conf"),
        "tax.form-8949 { accounts { \"coinbase.main\" = not-reported }, summary-lines = true }\n");
    Settings s = load(Map.of("tax.form-8949.accounts.kraken", "reported"), Map.of());
    assertEquals(
        "default no-form; coinbase.main not-reported; kraken reported", s.form8949().describe());
    assertTrue(s.form8949().summaryLines());

    assertMessage(
        Map.of("tax.form-8949.accounts.kraken", "yes"),
        "Cannot load configuration: tax.form-8949.accounts.kraken = 'yes' is not what an exchange"
            + " reported (use reported, not-reported or no-form)");
  }

  @Test
  void aLogRetentionShorterThanADayIsRefused() {
    assertMessage(
        Map.of("lake.log-retention", "12h"),
        "Cannot load configuration: lake.log-retention = '12h' is shorter than 24h: the run"
            + " journal's recovery and a run's change data feed need the commits of the last day"
            + " (e.g. 48h)");
    assertEquals(
        java.time.Duration.ofHours(48), load(Map.of(), Map.of()).maintain().logRetention());
  }

  private void assertMessage(Map<String, String> sets, String start) {
    PipelineException e = assertThrows(PipelineException.class, () -> load(sets, Map.of()));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
