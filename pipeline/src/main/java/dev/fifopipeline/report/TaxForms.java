package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.taxform.BasisReporting;
import dev.fifopipeline.taxform.FormBox;
import dev.fifopipeline.taxform.FormSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Form 8949 and Schedule D as filed, from {@code tax_lots}. Amounts are whole cents: each lot's
 * proceeds (d) and cost basis (e) are rounded once, half-up (2.345 becomes 2.35, -2.345 becomes
 * -2.35), and its gain (h) is {@code (d) - (e) + (g)} of the rounded values; a box's totals and its
 * Schedule D line are the sums of its lines, so they add up exactly. Only lots with a basis (an
 * unmatched part has none, and is never given one) and in US dollars (the form's currency; other
 * quote currencies are not converted) go on the form.
 */
public final class TaxForms {
  /** The currency the form is filed in. */
  public static final String CURRENCY = "USD";

  /** Cents, with room for any sum of lines. */
  private static final DecimalType CENTS = DataTypes.createDecimalType(36, 2);

  private TaxForms() {}

  /**
   * Which lots go on the form: a basis and US dollars.
   *
   * @param lots rows of {@code tax_lots}
   */
  public static Column onForm(Dataset<Row> lots) {
    return lots.col("warning").isNull().and(lots.col("quote").equalTo(CURRENCY));
  }

  /**
   * The {@code form_8949} lines of {@code lots}, unordered, each numbered within its box in the
   * order the form lists them: by date sold, date acquired, symbol, account, sell and buy.
   *
   * @param lots rows of {@code tax_lots} with their {@code allocation_version}
   */
  public static Dataset<Row> lines(Dataset<Row> lots, FormSettings settings) {
    Column reporting = lit(settings.byDefault().setting());
    for (Map.Entry<String, BasisReporting> account : settings.accounts().entrySet()) {
      reporting =
          when(col("account").equalTo(account.getKey()), lit(account.getValue().setting()))
              .otherwise(reporting);
    }
    Column longTerm = col("term").equalTo("long");
    Column digital = col("tax_year").geq(FormBox.DIGITAL_ASSET_BOXES_FROM);
    Column box = null;
    for (FormBox b : FormBox.values()) {
      Column in =
          col("reporting")
              .equalTo(b.reporting().setting())
              .and(longTerm.equalTo(b.longTerm()))
              .and(digital.equalTo(b.digitalAsset()));
      box = box == null ? when(in, lit(b.name())) : box.when(in, lit(b.name()));
    }
    Column proceeds = round(col("proceeds"), 2).cast(CENTS);
    Column cost = round(col("cost_basis"), 2).cast(CENTS);
    Dataset<Row> rows =
        lots.filter(onForm(lots))
            .withColumn("reporting", reporting)
            .select(
                col("allocation_version"),
                col("tax_year"),
                when(longTerm, lit("II")).otherwise(lit("I")).as("part"),
                box.as("box"),
                col("description"),
                col("date_acquired"),
                col("date_sold"),
                proceeds.as("proceeds"),
                cost.as("cost_basis"),
                lit(null).cast(DataTypes.StringType).as("code"),
                lit(null).cast(CENTS).as("adjustment"),
                proceeds.minus(cost).as("gain"),
                col("term"),
                col("reporting"),
                col("account"),
                col("symbol"),
                col("sell_order_id"),
                col("buy_order_id"));
    Column line =
        row_number()
            .over(
                Window.partitionBy("allocation_version", "tax_year", "box")
                    .orderBy(
                        col("date_sold"),
                        col("date_acquired"),
                        col("symbol"),
                        col("account").asc_nulls_first(),
                        col("sell_order_id"),
                        col("buy_order_id")));
    return rows.withColumn("line", line.cast(DataTypes.LongType));
  }

  /**
   * The lines in the order the form lists them (Part I before Part II, boxes in the form's order,
   * then by line), range-partitioned so that a file is written one small partition at a time.
   *
   * @param rows how many lines there are (a bound is enough)
   * @param rowsPerPartition at most this many lines per partition, on average
   */
  public static Dataset<Row> inFormOrder(Dataset<Row> lines, long rows, long rowsPerPartition) {
    Column[] order = {col("tax_year"), col("part"), col("box"), col("line")};
    int partitions =
        (int) Math.max(1, Math.min(10_000, (rows + rowsPerPartition - 1) / rowsPerPartition));
    return lines.repartitionByRange(partitions, order).sortWithinPartitions(order);
  }

  /**
   * The {@code schedule_d} rows of {@code lines} (with their schema), in the form's order: per tax
   * year and box, the sums of its lines (an adjustment left empty counts 0).
   *
   * @param lines rows of {@link #lines}
   */
  public static List<Row> scheduleD(Dataset<Row> lines) {
    List<Row> totals =
        lines
            .groupBy("allocation_version", "tax_year", "part", "box")
            .agg(
                count(lit(1)).as("lots"),
                sum(col("proceeds")).as("proceeds"),
                sum(col("cost_basis")).as("cost_basis"),
                sum(coalesce(col("adjustment"), lit(BigDecimal.ZERO))).as("adjustment"),
                sum(col("gain")).as("gain"))
            .orderBy("allocation_version", "tax_year", "part", "box")
            .collectAsList();
    List<Row> rows = new ArrayList<>();
    for (Row t : totals) {
      FormBox box = FormBox.valueOf(t.getAs("box"));
      rows.add(
          new GenericRowWithSchema(
              new Object[] {
                t.getAs("allocation_version"),
                t.getAs("tax_year"),
                box.part(),
                box.scheduleDLine(),
                box.name(),
                box.scheduleDCaption(),
                t.getAs("lots"),
                money(t.getAs("proceeds")),
                money(t.getAs("cost_basis")),
                money(t.getAs("adjustment")),
                money(t.getAs("gain"))
              },
              LakeSchemas.of(LakeTable.SCHEDULE_D)));
    }
    return rows;
  }

  /** Column names of {@code schedule_d}, in order. */
  public static String[] scheduleDColumns() {
    return LakeSchemas.of(LakeTable.SCHEDULE_D).fieldNames();
  }

  private static BigDecimal money(BigDecimal cents) {
    return cents.setScale(LakeSchemas.MONEY.scale());
  }
}
