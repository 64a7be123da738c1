package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.taxform.BasisReporting;
import dev.fifopipeline.taxform.FormSettings;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code report tax --year Y} on a lake allocated by the real engine: the form tables, their files
 * and pages. Account alpha's exchange reported the basis (1099-B, 1099-DA); beta's issued no form.
 * alpha holds 1 BTC from 2023 at 100.001 and sells half in 2024 (long term: box D) and half in 2025
 * with a 0.015 fee (proceeds 79.985, half-up 79.99: box J). beta buys 3 ETH at 10 with a 0.01 fee
 * (a basis of 10.00333... a coin) and sells one each on two days of 2024 (box C: each line's basis
 * 10.00, the box's 20.00, while the exact 20.00666... would round to 20.01) and the last in 2025 at
 * a loss (box I); its SOL sell has no buy.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class TaxFormReportTest {
  private static final FormSettings ALPHA_REPORTED =
      new FormSettings(BasisReporting.NO_FORM, Map.of("alpha", BasisReporting.REPORTED), false);

  /** An empty amount on a page, and the start of a sum: whole cents. */
  private static final BigDecimal NOTHING = new BigDecimal("0.00");

  private static TempLake temp;
  private static ReportResult year2024;

  @BeforeAll
  static void lake() {
    temp = new TempLake();
    Ledgers.ingest(
        temp,
        String.join(
            "\n",
            "account,order_id,symbol,side,order_time,price,size,fees",
            "alpha,A1,BTC-USD,buy,2023-01-10T12:00:00Z,100.001,1,0",
            "alpha,A2,BTC-USD,sell,2024-03-01T12:00:00Z,150.005,0.5,0",
            "alpha,A3,BTC-USD,sell,2025-03-01T12:00:00Z,160,0.5,0.015",
            "beta,B1,ETH-USD,buy,2024-01-05T12:00:00Z,10,3,0.01",
            "beta,B2,ETH-USD,sell,2024-02-01T12:00:00Z,12,1,0",
            "beta,B3,ETH-USD,sell,2024-02-02T12:00:00Z,12,1,0",
            "beta,B4,ETH-USD,sell,2025-01-03T12:00:00Z,9,1,0",
            "beta,B5,SOL-USD,sell,2024-04-01T12:00:00Z,20,1,0",
            ""));
    new AllocateJob(
            temp.lake(),
            new AllocateRequest(1, MethodSchedule.of(MatchingMethod.FIFO), Set.of(), null, false),
            MatchingRules.DEFAULT_DUST,
            ZoneOffset.UTC,
            Ledgers.CLOCK)
        .run();
    year2024 = report(2024, ALPHA_REPORTED);
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  private static ReportResult report(int year, FormSettings forms) {
    return new ReportJob(
            temp.lake(),
            new ReportRequest(
                1, ReportKind.TAX, year, temp.folder().resolve("reports"), Prices.none()),
            ZoneOffset.UTC,
            Ledgers.CLOCK,
            0,
            forms)
        .run();
  }

  private static String file(int year, String name) throws IOException {
    return Files.readString(temp.folder().resolve("reports/v1-" + year + "/" + name));
  }

  @Test
  void theYearsFormHasOneLinePerLotInItsBoxAndScheduleDTheirSums() throws IOException {
    assertEquals(
        String.join(
            "\n",
            "allocation_version,tax_year,part,box,line,description,date_acquired,date_sold,"
                + "proceeds,cost_basis,code,adjustment,gain,term,reporting,account,symbol,"
                + "sell_order_id,buy_order_id",
            "1,2024,I,C,1,1 ETH,2024-01-05,2024-02-01,12.00,10.00,,,2.00,short,no-form,beta,"
                + "ETH-USD,B2,B1",
            "1,2024,I,C,2,1 ETH,2024-01-05,2024-02-02,12.00,10.00,,,2.00,short,no-form,beta,"
                + "ETH-USD,B3,B1",
            "1,2024,II,D,1,0.5 BTC,2023-01-10,2024-03-01,75.00,50.00,,,25.00,long,reported,"
                + "alpha,BTC-USD,A2,A1",
            ""),
        file(2024, "form_8949.csv"));
    assertEquals(
        String.join(
            "\n",
            "allocation_version,tax_year,part,line,box,description,lots,proceeds,cost_basis,"
                + "adjustment,gain",
            "1,2024,I,3,C,Totals for all transactions reported on Form(s) 8949 with Box C"
                + " checked,2,24.00,20.00,0.00,4.00",
            "1,2024,II,8b,D,Totals for all transactions reported on Form(s) 8949 with Box D"
                + " checked,1,75.00,50.00,0.00,25.00",
            ""),
        file(2024, "schedule_d.csv"));
    for (Row box :
        temp.lake()
            .read(LakeTable.SCHEDULE_D)
            .filter(col("tax_year").equalTo(2024))
            .collectAsList()) {
      TaxFormsTest.assertTotalsAreSumsOfLines(
          box,
          temp.lake()
              .read(LakeTable.FORM_8949)
              .filter(col("tax_year").equalTo(2024).and(col("box").equalTo(box.getAs("box")))));
    }
    assertEquals(
        Set.of(
            "tax_lots.csv",
            "tax_lots_unmatched.csv",
            "tax_summary.csv",
            "form_8949.csv",
            "schedule_d.csv",
            "form_8949_I_C.html",
            "form_8949_II_D.html",
            "schedule_d.html",
            "year_end_lots.csv"),
        Set.copyOf(
            year2024.files().keySet().stream().map(p -> p.getFileName().toString()).toList()));
    String printed = String.join("\n", year2024.summary());
    assertTrue(
        printed.contains(
            "  form 8949 2024: 3 lots (boxes by tax.form-8949: default no-form; alpha reported)\n"
                + "    box C -> Schedule D line 3: 2 lines, proceeds 24.00, cost basis 20.00,"
                + " gain 4.00\n"
                + "    box D -> Schedule D line 8b: 1 line, proceeds 75.00, cost basis 50.00,"
                + " gain 25.00\n"
                + "    left off: 1 unmatched lot without a basis (tax_lots_unmatched.csv: find"
                + " the missing buys)"),
        printed);
  }

  @Test
  void summaryLinesPutOneLinePerBoxOnTheFormWithTheLotsAsTheStatement() throws IOException {
    report(2025, new FormSettings(BasisReporting.NO_FORM, ALPHA_REPORTED.accounts(), true));

    assertEquals(
        String.join(
            "\n",
            "allocation_version,tax_year,part,box,line,description,date_acquired,date_sold,"
                + "proceeds,cost_basis,code,adjustment,gain,term,reporting,account,symbol,"
                + "sell_order_id,buy_order_id",
            "1,2025,I,I,1,See attached statement (1 transaction),VARIOUS,VARIOUS,9.00,10.00,M,,"
                + "-1.00,short,,,,,",
            "1,2025,II,J,1,See attached statement (1 transaction),VARIOUS,VARIOUS,79.99,50.00,M,,"
                + "29.99,long,,,,,",
            ""),
        file(2025, "form_8949.csv"));
    assertEquals(
        String.join(
            "\n",
            "allocation_version,tax_year,part,box,line,description,date_acquired,date_sold,"
                + "proceeds,cost_basis,code,adjustment,gain,term,reporting,account,symbol,"
                + "sell_order_id,buy_order_id",
            "1,2025,I,I,1,1 ETH,2024-01-05,2025-01-03,9.00,10.00,,,-1.00,short,no-form,beta,"
                + "ETH-USD,B4,B1",
            "1,2025,II,J,1,0.5 BTC,2023-01-10,2025-03-01,79.99,50.00,,,29.99,long,reported,alpha,"
                + "BTC-USD,A3,A1",
            ""),
        file(2025, "form_8949_statement.csv"));
    assertTrue(
        file(2025, "schedule_d.csv")
            .contains(
                "1,2025,II,8b,J,Totals for all transactions reported on Form(s) 8949 with Box J"
                    + " checked,1,79.99,50.00,0.00,29.99"));
    assertEquals(
        5,
        temp.lake().read(LakeTable.FORM_8949).count(),
        "a year's report replaces that year's lines only");
    String page = file(2025, "form_8949_II_J.html");
    assertTrue(page.contains("Attached statement"), "the lots follow as the statement");
    assertTrue(page.contains("<td class=\"c\">M</td>"), "the summary line has code M");
  }

  @Test
  void theFormPageRendersInHeadlessChromiumLikeTheForm() throws Exception {
    SampleReportTest.requireChromium();
    Path page = temp.folder().resolve("reports/v1-2024/form_8949_I_C.html");
    Path profile = Files.createDirectories(temp.folder().resolve("chromium-profile"));
    Path screenshot = temp.folder().resolve("form_8949_I_C.png");

    String dom = SampleReportTest.chromium(profile, "--dump-dom", page);
    assertTrue(dom.contains("data-box=\"C\""), dom);
    assertTrue(dom.contains("Schedule D, <b>line 3</b>"), "line 2 says where the totals go");
    assertTrue(dom.contains("<li class=\"checked\"><span class=\"cb\">✔</span> (C)"), dom);
    assertTrue(dom.contains("<td class=\"d\">01/05/2024</td>"), "dates as the form wants them");
    assertTrue(dom.contains("<td class=\"n\">20.00</td>"), "the box's cost basis total");
    assertTrue(
        dom.contains("<td class=\"n\">20.00</td><td></td><td class=\"n\"></td>"),
        "line 2 leaves (f) and (g) empty: nothing is adjusted");

    SampleReportTest.chromium(
        profile, "--screenshot=" + screenshot, page, "--window-size=1000,900");
    assertDrawnOn(screenshot);
    if (System.getProperty("fifo.keep-screenshot") != null) {
      Files.copy(
          screenshot,
          Path.of(System.getProperty("fifo.keep-screenshot")),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void theScheduleDPageCarriesTheTablesLinesAndRendersInHeadlessChromium() throws Exception {
    SampleReportTest.requireChromium();
    Path page = temp.folder().resolve("reports/v1-2024/schedule_d.html");
    Path profile = Files.createDirectories(temp.folder().resolve("chromium-profile-d"));
    Path screenshot = temp.folder().resolve("schedule_d.png");

    String dom = SampleReportTest.chromium(profile, "--dump-dom", page);
    assertTrue(dom.contains("data-form=\"schedule-d\""), dom);
    List<Row> table =
        temp.lake()
            .read(LakeTable.SCHEDULE_D)
            .filter(col("tax_year").equalTo(2024))
            .collectAsList();
    for (Row line : table) {
      assertEquals(
          amounts(line),
          printed(dom, "data-line=\"" + line.getAs("line") + "\" data-box=\"" + line.getAs("box")),
          "line " + line.getAs("line") + " is the table's");
    }
    for (String part : List.of("I", "II")) {
      List<BigDecimal> sum = List.of(NOTHING, NOTHING, NOTHING, NOTHING);
      for (Row line : table) {
        if (part.equals(line.getAs("part"))) {
          List<BigDecimal> a = amounts(line);
          sum =
              List.of(
                  sum.get(0).add(a.get(0)),
                  sum.get(1).add(a.get(1)),
                  sum.get(2).add(a.get(2)),
                  sum.get(3).add(a.get(3)));
        }
      }
      assertEquals(sum, printed(dom, "data-total=\"" + part), "part " + part + "'s total");
    }
    assertEquals(
        List.of(NOTHING, NOTHING, NOTHING, NOTHING),
        printed(dom, "data-line=\"2\" data-box=\"B"),
        "a line no box of the year goes to stays empty");
    assertTrue(dom.contains("with Box C checked <small>(2 lines)</small>"), dom);

    SampleReportTest.chromium(
        profile, "--screenshot=" + screenshot, page, "--window-size=1000,900");
    assertDrawnOn(screenshot);
  }

  /** Columns (d), (e), (g), (h) of a {@code schedule_d} row, at whole cents. */
  private static List<BigDecimal> amounts(Row line) {
    return Stream.of("proceeds", "cost_basis", "adjustment", "gain")
        .map(c -> line.<BigDecimal>getAs(c).setScale(2, RoundingMode.UNNECESSARY))
        .toList();
  }

  /** The amounts of the page's row whose attributes start with {@code attributes}: empty is 0. */
  private static List<BigDecimal> printed(String dom, String attributes) {
    int start = dom.indexOf("<tr " + attributes);
    assertTrue(start >= 0, "no row " + attributes + " in " + dom);
    String row = dom.substring(start, dom.indexOf("</tr>", start));
    Matcher cell = Pattern.compile("<td class=\"n\">([^<]*)</td>").matcher(row);
    List<BigDecimal> amounts = new ArrayList<>();
    while (cell.find()) {
      String text = cell.group(1).replace(",", "");
      boolean loss = text.startsWith("(");
      BigDecimal value =
          text.isEmpty() ? NOTHING : new BigDecimal(text.replace("(", "").replace(")", ""));
      amounts.add(loss ? value.negate() : value);
    }
    return amounts;
  }

  private static void assertDrawnOn(Path screenshot) throws IOException {
    BufferedImage image = ImageIO.read(screenshot.toFile());
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          ink++;
        }
      }
    }
    long sampled = (long) (image.getHeight() / 4) * (image.getWidth() / 4);
    assertTrue(ink > sampled / 50, "drawn on: " + ink + " of " + sampled + " samples");
    assertFalse(Files.size(screenshot) < 10_000, "a real screenshot");
  }

  @Test
  void aSellWithoutABasisStaysInTaxLotsAndNeverReachesTheForm() {
    assertEquals(
        0, temp.lake().read(LakeTable.FORM_8949).filter(col("symbol").equalTo("SOL-USD")).count());
    assertEquals(
        1,
        temp.lake()
            .read(LakeTable.TAX_LOTS)
            .filter(col("symbol").equalTo("SOL-USD").and(col("warning").isNotNull()))
            .count());
  }
}
