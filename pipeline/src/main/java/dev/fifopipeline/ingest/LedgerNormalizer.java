package dev.fifopipeline.ingest;

import static dev.fifopipeline.spark.Columns.blank;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.lake.LakeSchemas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Normalises raw ledger rows and names the first rule each bad row breaks (contract section 1).
 *
 * <p>Symbols are trimmed, upper-cased, with {@code /} and {@code _} turned into {@code -}; sides
 * lower-cased; times parsed as ISO-8601 (no offset means UTC); price, size and fees parsed as
 * {@code DECIMAL(38,18)}, a blank fee being 0. An order_time before 2009 (before any crypto
 * exchange) or more than the clock skew after the row's own ingested_at (an order that filled after
 * it was recorded) is implausible and sent to review rather than guessed at. Output: the lake's
 * ledger columns, {@code _row}, and {@code reason} / {@code details}, both null for a good row.
 */
final class LedgerNormalizer {
  static final String REASON = "reason";
  static final String DETAILS = "details";

  private static final String SYMBOL_PATTERN = "^[A-Z0-9]+-[A-Z0-9]+$";

  /** No trade of the ledger can be older than this: the first crypto exchange opened later. */
  static final Instant EARLIEST_ORDER_TIME = Instant.parse("2009-01-01T00:00:00Z");

  private LedgerNormalizer() {}

  /** A rule a row can break: a reason code, when it is broken, and the message for a person. */
  private record Rule(String reason, Column broken, Column message) {}

  /**
   * @param raw rows from {@link LedgerSource}
   * @param clockSkew how far order_time may lie after the row's own ingested_at
   */
  static Dataset<Row> normalize(Dataset<Row> raw, Duration clockSkew) {
    Column orderId = trim(col("order_id").cast("string"));
    Column symbolText = trim(col("symbol").cast("string"));
    Column symbol = regexp_replace(upper(symbolText), "[/_]", "-");
    Column side = lower(trim(col("side").cast("string")));
    Column orderTime = time(raw, "order_time");
    Column ingestedAt = time(raw, "ingested_at");
    Column price = decimal("price");
    Column size = decimal("size");
    Column fees =
        when(blank(col("fees")), lit(0).cast(LakeSchemas.MONEY)).otherwise(decimal("fees"));
    Column account =
        when(blank(col("account")), lit(null)).otherwise(trim(col("account").cast("string")));

    List<Rule> rules =
        List.of(
            new Rule(
                "malformed_row",
                col(CanonicalColumns.CORRUPT).isNotNull(),
                lit("the line does not have one field per header column")),
            new Rule("blank_order_id", blank(col("order_id")), lit("order_id is blank")),
            new Rule("blank_symbol", blank(col("symbol")), lit("symbol is blank")),
            new Rule(
                "invalid_symbol",
                symbol.rlike(SYMBOL_PATTERN).equalTo(false),
                format_string("symbol '%s' is not BASE-QUOTE (e.g. BTC-USD)", symbolText)),
            new Rule(
                "unknown_side",
                coalesce(side.isin("buy", "sell"), lit(false)).equalTo(false),
                format_string("side '%s' is not buy or sell", raw("side"))),
            new Rule(
                "invalid_order_time",
                orderTime.isNull(),
                format_string("order_time '%s' is not an ISO-8601 time", raw("order_time"))),
            new Rule(
                "order_time_before_2009",
                orderTime.lt(lit(EARLIEST_ORDER_TIME)),
                format_string(
                    "order_time '%s' is before 2009, older than any crypto exchange",
                    raw("order_time"))),
            new Rule(
                "invalid_price",
                coalesce(price.gt(0), lit(false)).equalTo(false),
                format_string("price '%s' is not a number > 0", raw("price"))),
            new Rule(
                "invalid_size",
                coalesce(size.gt(0), lit(false)).equalTo(false),
                format_string("size '%s' is not a number > 0", raw("size"))),
            new Rule(
                "invalid_fees",
                coalesce(fees.geq(0), lit(false)).equalTo(false),
                format_string("fees '%s' is not a number >= 0", raw("fees"))),
            new Rule(
                "invalid_ingested_at",
                blank(col("ingested_at")).equalTo(false).and(ingestedAt.isNull()),
                format_string("ingested_at '%s' is not an ISO-8601 time", raw("ingested_at"))),
            new Rule(
                "order_time_after_ingested_at",
                coalesce(
                    unix_micros(orderTime)
                        .gt(unix_micros(ingestedAt).plus(lit(clockSkew.toNanos() / 1000))),
                    lit(false)),
                format_string(
                    "order_time '%s' is after the row's ingested_at '%s' by more than"
                        + " source.clock-skew (%s)",
                    raw("order_time"), raw("ingested_at"), lit(clockSkew.toString()))));

    Column reason = lit(null).cast("string");
    Column message = lit(null).cast("string");
    for (int i = rules.size() - 1; i >= 0; i--) { // the first broken rule wins
      Rule rule = rules.get(i);
      reason = when(rule.broken(), lit(rule.reason())).otherwise(reason);
      message = when(rule.broken(), rule.message()).otherwise(message);
    }
    Column rawRow =
        when(col(CanonicalColumns.CORRUPT).isNotNull(), col(CanonicalColumns.CORRUPT))
            .otherwise(to_json(struct(rawColumns())));
    Column details = when(reason.isNotNull(), concat(message, lit(" | row: "), rawRow));

    return raw.select(
        orderId.as("order_id"),
        account.as("account"),
        when(symbol.rlike(SYMBOL_PATTERN), symbol).otherwise(symbolText).as("symbol"),
        side.as("side"),
        orderTime.as("order_time"),
        price.as("price"),
        size.as("size"),
        fees.as("fees"),
        ingestedAt.as("ingested_at"),
        trim(col("source").cast("string")).as("source"),
        decimal("pnl_usd").as("pnl_usd"),
        decimal("cost_basis_usd").as("cost_basis_usd"),
        trim(col("parent_id").cast("string")).as("parent_id"),
        decimal("remaining_size").as("remaining_size"),
        col(CanonicalColumns.ROW),
        reason.as(REASON),
        details.as(DETAILS));
  }

  private static Column decimal(String name) {
    return trim(col(name).cast("string")).cast(LakeSchemas.MONEY);
  }

  /** An ISO-8601 time; values of other types than text, timestamp or date are not times. */
  private static Column time(Dataset<Row> raw, String name) {
    DataType type = raw.schema().apply(name).dataType();
    if (type instanceof TimestampType) {
      return col(name);
    }
    if (type instanceof TimestampNTZType || type instanceof DateType) {
      return col(name).cast("timestamp"); // wall time read as UTC
    }
    if (type instanceof StringType) {
      return trim(col(name)).cast("timestamp");
    }
    return lit(null).cast("timestamp");
  }

  private static Column raw(String name) {
    return coalesce(col(name).cast("string"), lit(""));
  }

  private static Column[] rawColumns() {
    List<Column> columns = new ArrayList<>();
    for (String name : CanonicalColumns.all()) {
      columns.add(col(name).cast("string").as(name));
    }
    return columns.toArray(Column[]::new);
  }
}
