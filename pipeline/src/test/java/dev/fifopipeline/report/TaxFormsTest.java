package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.CsvFiles;
import dev.fifopipeline.taxform.BasisReporting;
import dev.fifopipeline.taxform.FormSettings;
import dev.fifopipeline.testing.SharedSpark;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Form 8949 lines and Schedule D on in-memory allocations, against hand-computed numbers. Account
 * alpha's exchange reported the basis to the IRS; beta's is not listed and takes the default, no
 * form; a lot without an account too. 2024 sales go in boxes A to F, 2025 sales in G to L. Box C's
 * proceeds are 10.005 + 10.005 + 5.555 - 0.005 = 25.56 exactly, but its lines, rounded once each
 * (10.01, 10.01, 5.56, -0.01), add up to 25.57: the form's total is the sum of its lines.
 */
@ExtendWith(SharedSpark.class)
@Tag("spark")
class TaxFormsTest {
  private static final String HEADER =
      "account | symbol | sell | buy | sell_time | buy_time | size | proceeds | cost | pnl | term";

  private static final FormSettings SETTINGS =
      new FormSettings(BasisReporting.NO_FORM, Map.of("alpha", BasisReporting.REPORTED), false);

  private static Dataset<Row> lots(SparkSession spark) {
    Dataset<Row> allocations =
        Allocations.of(
            spark,
            HEADER,
            "alpha | BTC-USD  | S1 | B1   | 2024-03-01T10:00:00Z | 2024-01-10T00:00:00Z | 1     | 100.005 | 50.004  | 50.001  | short",
            "alpha | BTC-USD  | S2 | B0   | 2024-06-01T10:00:00Z | 2022-05-01T00:00:00Z | 2     | 200.125 | 100.115 | 100.01  | long",
            "beta  | ETH-USD  | E1 | C1   | 2024-02-01T10:00:00Z | 2024-01-01T00:00:00Z | 0.5   | 10.005  | 3.333   | 6.672   | short",
            "beta  | ETH-USD  | E2 | C1   | 2024-02-02T10:00:00Z | 2024-01-01T00:00:00Z | 0.5   | 10.005  | 3.333   | 6.672   | short",
            "beta  | ETH-USD  | E3 | C2   | 2024-02-03T10:00:00Z | 2024-01-02T00:00:00Z | 0.5   | 5.555   | 8.885   | -3.33   | short",
            "beta  | DOGE-USD | D1 | F1   | 2024-04-01T10:00:00Z | 2024-03-01T00:00:00Z | 0.001 | -0.005  | 0.004   | -0.009  | short",
            "beta  | SOL-USD  | X1 | null | 2024-05-01T10:00:00Z | null                 | 1     | 20      | null    | null    | null",
            "beta  | BTC-USDT | T1 | U1   | 2024-05-02T10:00:00Z | 2024-01-01T00:00:00Z | 1     | 90      | 80      | 10      | short",
            "alpha | BTC-USD  | S3 | B2   | 2025-02-01T10:00:00Z | 2025-01-01T00:00:00Z | 1     | 1.234   | 1.235   | -0.001  | short",
            "beta  | ETH-USD  | E4 | C3   | 2025-07-01T10:00:00Z | 2024-01-01T00:00:00Z | 1     | 30      | 20      | 10      | long",
            "null  | ETH-USD  | N1 | C9   | 2025-03-01T10:00:00Z | 2025-01-01T00:00:00Z | 1     | 7.777   | 1.111   | 6.666   | short");
    return TaxReports.lots(allocations, ZoneOffset.UTC).withColumn("allocation_version", lit(1));
  }

  @Test
  void eachLotIsOneLineInWholeCentsInTheBoxOfItsAccountTermAndYear(SparkSession spark) {
    Dataset<Row> lines = TaxForms.lines(lots(spark), SETTINGS);

    assertEquals(
        List.of(
            "2024,I,A,1,1 BTC,2024-01-10,2024-03-01,100.01,50.00,,,50.01,short,reported,alpha,BTC-USD,S1,B1",
            "2024,I,C,1,0.5 ETH,2024-01-01,2024-02-01,10.01,3.33,,,6.68,short,no-form,beta,ETH-USD,E1,C1",
            "2024,I,C,2,0.5 ETH,2024-01-01,2024-02-02,10.01,3.33,,,6.68,short,no-form,beta,ETH-USD,E2,C1",
            "2024,I,C,3,0.5 ETH,2024-01-02,2024-02-03,5.56,8.89,,,-3.33,short,no-form,beta,ETH-USD,E3,C2",
            "2024,I,C,4,0.001 DOGE,2024-03-01,2024-04-01,-0.01,0.00,,,-0.01,short,no-form,beta,DOGE-USD,D1,F1",
            "2024,II,D,1,2 BTC,2022-05-01,2024-06-01,200.13,100.12,,,100.01,long,reported,alpha,BTC-USD,S2,B0",
            "2025,I,G,1,1 BTC,2025-01-01,2025-02-01,1.23,1.24,,,-0.01,short,reported,alpha,BTC-USD,S3,B2",
            "2025,I,I,1,1 ETH,2025-01-01,2025-03-01,7.78,1.11,,,6.67,short,no-form,,ETH-USD,N1,C9",
            "2025,II,L,1,1 ETH,2024-01-01,2025-07-01,30.00,20.00,,,10.00,long,no-form,beta,ETH-USD,E4,C3"),
        csv(
            TaxForms.inFormOrder(lines, 9, 100)
                .select(
                    "tax_year",
                    "part",
                    "box",
                    "line",
                    "description",
                    "date_acquired",
                    "date_sold",
                    "proceeds",
                    "cost_basis",
                    "code",
                    "adjustment",
                    "gain",
                    "term",
                    "reporting",
                    "account",
                    "symbol",
                    "sell_order_id",
                    "buy_order_id")),
        "the unmatched SOL part (no basis) and the USDT lot are not on the form");
  }

  @Test
  void scheduleDTakesEachBoxsTotalsWhichAreTheSumsOfItsLines(SparkSession spark) {
    Dataset<Row> lines = TaxForms.lines(lots(spark), SETTINGS);
    List<Row> scheduleD = TaxForms.scheduleD(lines);

    List<String> text = new ArrayList<>();
    String[] columns = TaxForms.scheduleDColumns();
    for (Row row : scheduleD) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        fields.add(CsvFiles.format(columns[i], row.get(i)));
      }
      text.add(String.join(",", fields));
    }
    assertEquals(
        List.of(
            "1,2024,I,1b,A,Totals for all transactions reported on Form(s) 8949 with Box A"
                + " checked,1,100.01,50.00,0.00,50.01",
            "1,2024,I,3,C,Totals for all transactions reported on Form(s) 8949 with Box C"
                + " checked,4,25.57,15.55,0.00,10.02",
            "1,2024,II,8b,D,Totals for all transactions reported on Form(s) 8949 with Box D"
                + " checked,1,200.13,100.12,0.00,100.01",
            "1,2025,I,1b,G,Totals for all transactions reported on Form(s) 8949 with Box G"
                + " checked,1,1.23,1.24,0.00,-0.01",
            "1,2025,I,3,I,Totals for all transactions reported on Form(s) 8949 with Box I"
                + " checked,1,7.78,1.11,0.00,6.67",
            "1,2025,II,10,L,Totals for all transactions reported on Form(s) 8949 with Box L"
                + " checked,1,30.00,20.00,0.00,10.00"),
        text);
    assertEquals(
        new BigDecimal("25.56"),
        lots(spark)
            .filter(col("symbol").isin("ETH-USD", "DOGE-USD").and(col("tax_year").equalTo(2024)))
            .agg(org.apache.spark.sql.functions.sum("proceeds"))
            .first()
            .getDecimal(0)
            .setScale(2, java.math.RoundingMode.HALF_UP),
        "rounding box C's exact sum would give another total than adding its lines");
    for (Row box : scheduleD) {
      assertTotalsAreSumsOfLines(box, lines.filter(col("box").equalTo(box.<String>getAs("box"))));
    }
  }

  /** A Schedule D row equals the sums of its box's lines, to the cent, and h = d - e + g. */
  static void assertTotalsAreSumsOfLines(Row box, Dataset<Row> lines) {
    BigDecimal proceeds = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal gain = BigDecimal.ZERO;
    long count = 0;
    for (Row line : lines.collectAsList()) {
      BigDecimal d = line.getAs("proceeds");
      BigDecimal e = line.getAs("cost_basis");
      BigDecimal h = line.getAs("gain");
      assertEquals(0, d.subtract(e).compareTo(h), "h = d - e on every line: " + line);
      assertEquals(d.setScale(2, java.math.RoundingMode.HALF_UP).compareTo(d), 0, "whole cents");
      proceeds = proceeds.add(d);
      cost = cost.add(e);
      gain = gain.add(h);
      count++;
    }
    assertEquals(count, box.<Long>getAs("lots"));
    assertEquals(0, proceeds.compareTo(box.getAs("proceeds")), "proceeds of box " + box);
    assertEquals(0, cost.compareTo(box.getAs("cost_basis")), "cost basis of box " + box);
    assertEquals(0, gain.compareTo(box.getAs("gain")), "gain of box " + box);
    assertTrue(box.<BigDecimal>getAs("adjustment").signum() == 0, "no adjustments");
  }

  /** Rows as their CSV file lines. */
  static List<String> csv(Dataset<Row> rows) {
    String[] columns = rows.columns();
    List<String> lines = new ArrayList<>();
    for (Row row : rows.collectAsList()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        fields.add(CsvFiles.format(columns[i], row.get(i)));
      }
      lines.add(String.join(",", fields));
    }
    return lines;
  }

  @Test
  void theFormTablesArePartitionedLikeTheOtherReportTables() {
    assertEquals(
        List.of("allocation_version"),
        dev.fifopipeline.lake.LakeSchemas.partitionColumns(LakeTable.FORM_8949));
  }
}
