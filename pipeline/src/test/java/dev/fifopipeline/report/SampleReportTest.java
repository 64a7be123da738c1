package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.compare.CompareJob;
import dev.fifopipeline.compare.CompareRequest;
import dev.fifopipeline.compare.CompareResult;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.Notebooks;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample end to end, built once for the class: ingest, version 1 (fifo), version 2
 * (hifo), {@code report all} of version 1. Then every SQL cell of every notebook runs against that
 * lake, the HTML page renders in headless Chromium, and compare finds the seeds' SAPIEN-USD sell.
 */
@Tag("spark")
class SampleReportTest {
  private static final Path ROOT =
      Path.of(System.getProperty("fifo.project.root", "..")).toAbsolutePath().normalize();

  /** Chromium's executable: the first of its usual names on the PATH, or null. */
  static final Path CHROMIUM = onPath("chromium", "chromium-browser", "google-chrome");

  private static TempLake temp;
  private static ReportResult report;

  @BeforeAll
  static void sampleLake() {
    SharedSpark.session();
    temp = new TempLake();
    new IngestJob(
            temp.lake(),
            Ledgers.csvSource(ROOT.resolve("data/sample/trade_records.csv").toString()),
            Ledgers.CLOCK)
        .run();
    allocate(1, MatchingMethod.FIFO);
    allocate(2, MatchingMethod.HIFO);
    report =
        new ReportJob(
                temp.lake(),
                new ReportRequest(1, ReportKind.ALL, null, out(), Prices.none()),
                ZoneOffset.UTC,
                Ledgers.CLOCK)
            .run();
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  private static void allocate(int version, MatchingMethod method) {
    new AllocateJob(
            temp.lake(),
            new AllocateRequest(
                version, method == null ? null : MethodSchedule.of(method), Set.of(), null, false),
            MatchingRules.DEFAULT_DUST,
            ZoneOffset.UTC,
            Ledgers.CLOCK)
        .run();
  }

  private static Path out() {
    return temp.folder().resolve("reports");
  }

  @Test
  void theReportsRealizedPnlIsTheAllocationsTotalToTheLastDecimal() {
    BigDecimal expected = new BigDecimal("-2703.823212117093396568");
    assertEquals(0, expected.compareTo(report.headlines().get(0).realizedPnl()));
    BigDecimal lake =
        temp.lake()
            .read(LakeTable.PNL_BY_QUOTE)
            .filter(col("allocation_version").equalTo(1))
            .agg(sum("realized_pnl"))
            .first()
            .getDecimal(0);
    assertEquals(0, expected.compareTo(lake), "pnl_by_quote holds exact values: " + lake);
    assertEquals(764, report.headlines().get(0).sells());
    assertEquals(12, report.headlines().get(0).unmatchedSells());
  }

  @Test
  void everyNotebookRunsEverySqlCellAgainstTheSampleLake() throws IOException {
    SparkSession session = SharedSpark.session().newSession(); // its own views and settings
    Map<String, String> parameters =
        Map.of(
            "schema", "fifo_notebooks",
            "allocation_version", "1",
            "version_a", "1",
            "version_b", "2",
            "tax_year", "2025");
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
      notebooks = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertEquals(5, notebooks.size(), "notebooks: " + notebooks);
    List<String> empty = new ArrayList<>();
    try {
      for (Path notebook : notebooks) {
        empty.addAll(emptyQueries(session, notebook, parameters));
      }
    } finally {
      session.sql("DROP SCHEMA IF EXISTS fifo_notebooks CASCADE"); // names only: the lake stays
    }
    // the only query expected to find nothing on a valid lake: the allocations-add-up check
    assertEquals(List.of("05_data_quality.sql cell 17"), empty);
  }

  /** Runs {@code notebook}; returns its queries that found no rows, as "notebook cell N". */
  private static List<String> emptyQueries(
      SparkSession session, Path notebook, Map<String, String> parameters) throws IOException {
    List<String> empty = new ArrayList<>();
    List<Notebooks.Statement> statements =
        Notebooks.run(session, notebook, parameters, temp.lake().root());
    long queries = statements.stream().filter(s -> isQuery(s.sql())).count();
    long answered =
        statements.stream().filter(s -> isQuery(s.sql()) && !s.rows().isEmpty()).count();
    assertTrue(queries > 0, notebook + " has queries");
    if (answered < queries) {
      statements.stream()
          .filter(s -> isQuery(s.sql()) && s.rows().isEmpty())
          .forEach(s -> empty.add(notebook.getFileName() + " cell " + s.cell()));
    }
    return empty;
  }

  private static boolean isQuery(String sql) {
    String head = sql.strip().replaceAll("(?m)^--.*$", "").strip().toUpperCase();
    return head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("(");
  }

  @Test
  void compareFindsTheLegacySellsTheOldInlineMethodGotWrong() throws IOException {
    CompareResult legacy = new CompareJob(temp.lake(), CompareRequest.legacy(1, out(), 10)).run();
    assertEquals(75L, legacy.statuses().get("other_lot"));
    String sapien =
        Files.readAllLines(out().resolve("compare-v1-legacy.csv")).stream()
            .filter(line -> line.contains(",b92820e6,"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "1,,SAPIEN-USD,b92820e6,2025-12-04T01:30:00Z,-14.91,-0.31,14.60,47.70,33.06,2bc16f9a,"
            + "244dfcaf,0,other_lot",
        sapien);

    CompareResult versions =
        new CompareJob(temp.lake(), CompareRequest.versions(1, 2, out(), 10)).run();
    assertEquals("realized pnl: v1 -2703.82, v2 -2719.04, difference -15.21", versions.totals());
    assertEquals(764, versions.sells());
  }

  @Test
  void theHtmlPageRendersWithItsChartsInHeadlessChromium() throws Exception {
    requireChromium();
    Path page = out().resolve("v1/report.html");
    Path profile = Files.createDirectories(temp.folder().resolve("chromium-profile"));
    Path screenshot = temp.folder().resolve("report.png");

    String dom = chromium(profile, "--dump-dom", page);
    assertTrue(dom.contains("data-images=\"5\""), "five charts: " + head(dom));
    assertTrue(dom.contains("data-images-loaded=\"5\""), "every chart decoded: " + head(dom));
    assertTrue(dom.contains("data-errors=\"\""), "no script error: " + head(dom));
    assertTrue(dom.contains("-$2,703.82"), "the headline realized pnl");

    chromium(profile, "--screenshot=" + screenshot, page, "--window-size=1280,2400");
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertEquals(1280, image.getWidth());
    Set<Integer> colours = new java.util.HashSet<>();
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff && rgb != 0xf4f5f7) {
          ink++;
        }
      }
    }
    long sampled = (long) (image.getHeight() / 4) * (image.getWidth() / 4);
    assertTrue(colours.size() > 50, "not blank: " + colours.size() + " colours");
    assertTrue(ink > sampled / 20, "drawn on: " + ink + " of " + sampled + " samples");
    assertFalse(Files.size(screenshot) < 50_000, "a real screenshot");
  }

  /**
   * Skips the test where Chromium is not on the PATH, except under CI ({@code .ci/run} installs
   * it), where a missing browser fails it.
   */
  static void requireChromium() {
    String missing =
        "needs Chromium on the PATH (chromium, chromium-browser or google-chrome): apt-get update"
            + " && apt-get install -y chromium";
    if (System.getenv("CI") != null) {
      assertTrue(CHROMIUM != null, missing);
    }
    assumeTrue(CHROMIUM != null, missing);
  }

  private static Path onPath(String... names) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : names) {
        Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** Runs headless Chromium on {@code page}; returns what it prints. */
  static String chromium(Path profile, String action, Path page, String... more)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=5000",
                action));
    command.addAll(List.of(more));
    command.add(page.toUri().toString());
    Path output = profile.resolve("stdout.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "chromium timed out");
    assertEquals(0, process.exitValue(), "chromium failed: " + command);
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  private static String head(String dom) {
    int body = dom.indexOf("<body");
    return body < 0
        ? dom.substring(0, Math.min(300, dom.length()))
        : dom.substring(body, body + 200);
  }
}
