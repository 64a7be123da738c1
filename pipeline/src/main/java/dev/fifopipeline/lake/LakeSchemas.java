package dev.fifopipeline.lake;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import dev.fifopipeline.spark.MoneyColumns;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column layout of every lake table. Money and quantities are {@code DECIMAL(38,18)}; times are UTC
 * timestamps; {@code account} is null when the ledger has no accounts.
 */
public final class LakeSchemas {
  /** Money and base-unit quantities. */
  public static final DecimalType MONEY = MoneyColumns.TYPE;

  /** The ledger as ingested. {@code lake_ingested_at} is when the row landed in the lake. */
  public static final StructType TRADE_RECORDS =
      schema(
          field("order_id", StringType),
          field("account", StringType),
          field("symbol", StringType),
          field("side", StringType),
          field("order_time", TimestampType),
          field("price", MONEY),
          field("size", MONEY),
          field("fees", MONEY),
          field("ingested_at", TimestampType),
          field("source", StringType),
          field("pnl_usd", MONEY),
          field("cost_basis_usd", MONEY),
          field("parent_id", StringType),
          field("remaining_size", MONEY),
          field("lake_ingested_at", TimestampType));

  /** One row per (version, sell, lot); buy columns null for a sell's unmatched rest. */
  public static final StructType FIFO_ALLOCATIONS =
      schema(
          field("allocation_version", IntegerType),
          field("method", StringType),
          field("account", StringType),
          field("symbol", StringType),
          field("sell_order_id", StringType),
          field("buy_order_id", StringType),
          field("sell_time", TimestampType),
          field("buy_time", TimestampType),
          field("allocated_size", MONEY),
          field("sell_price", MONEY),
          field("buy_price", MONEY),
          field("buy_fee_share", MONEY),
          field("sell_fee_share", MONEY),
          field("cost_basis", MONEY),
          field("proceeds", MONEY),
          field("pnl", MONEY),
          field("holding_days", IntegerType),
          field("term", StringType),
          field("batch_id", StringType),
          field("computed_at", TimestampType));

  /** Lots left open after a run, and lots closed as dust ({@code dust} true). */
  public static final StructType FIFO_INVENTORY_SNAPSHOT =
      schema(
          field("allocation_version", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("buy_order_id", StringType),
          field("buy_time", TimestampType),
          field("remaining_size", MONEY),
          field("remaining_cost_basis", MONEY),
          field("dust", BooleanType),
          field("batch_id", StringType),
          field("computed_at", TimestampType));

  /**
   * One row per run and (account, symbol). {@code dust_threshold} and {@code tax_timezone} record
   * the rules the run used, so validate checks a version against its own rules; {@code
   * ledger_through} is the latest {@code lake_ingested_at} the run saw in the ledger, from which
   * the next incremental nightly run continues.
   */
  public static final StructType FIFO_COMPUTATION_LOG =
      schema(
          field("batch_id", StringType),
          field("allocation_version", IntegerType),
          field("method", StringType),
          field("mode", StringType),
          field("account", StringType),
          field("symbol", StringType),
          field("started_at", TimestampType),
          field("duration_ms", LongType),
          field("buys", LongType),
          field("sells", LongType),
          field("allocations", LongType),
          field("unmatched_sells", LongType),
          field("total_pnl", MONEY),
          field("status", StringType),
          field("error", StringType),
          field("dust_threshold", MONEY),
          field("tax_timezone", StringType),
          field("ledger_through", TimestampType));

  /** Rows a person must look at: bad ledger rows, conflicts, unmatched sells, failed symbols. */
  public static final StructType MANUAL_REVIEW_QUEUE =
      schema(
          field("order_id", StringType),
          field("account", StringType),
          field("symbol", StringType),
          field("reason", StringType),
          field("details", StringType),
          field("allocation_version", IntegerType),
          field("detected_at", TimestampType));

  private LakeSchemas() {}

  /** The schema of {@code table}. */
  public static StructType of(LakeTable table) {
    return switch (table) {
      case TRADE_RECORDS -> TRADE_RECORDS;
      case FIFO_ALLOCATIONS -> FIFO_ALLOCATIONS;
      case FIFO_INVENTORY_SNAPSHOT -> FIFO_INVENTORY_SNAPSHOT;
      case FIFO_COMPUTATION_LOG -> FIFO_COMPUTATION_LOG;
      case MANUAL_REVIEW_QUEUE -> MANUAL_REVIEW_QUEUE;
      case PNL_BY_SYMBOL -> ReportSchemas.PNL_BY_SYMBOL;
      case PNL_BY_QUOTE -> ReportSchemas.PNL_BY_QUOTE;
      case PNL_DAILY -> ReportSchemas.PNL_DAILY;
      case PNL_MONTHLY -> ReportSchemas.PNL_MONTHLY;
      case WIN_RATE -> ReportSchemas.WIN_RATE;
      case TAX_LOTS -> ReportSchemas.TAX_LOTS;
      case TAX_SUMMARY -> ReportSchemas.TAX_SUMMARY;
      case PNL_DAILY_BY_SYMBOL -> ReportSchemas.PNL_DAILY_BY_SYMBOL;
      case TAX_SUMMARY_BY_SYMBOL -> ReportSchemas.TAX_SUMMARY_BY_SYMBOL;
      case TOP_SELLS -> ReportSchemas.TOP_SELLS;
      case FORM_8949 -> ReportSchemas.FORM_8949;
      case SCHEDULE_D -> ReportSchemas.SCHEDULE_D;
      case YEAR_END_LOTS -> ReportSchemas.YEAR_END_LOTS;
      default -> throw new IllegalArgumentException("no fixed schema for " + table);
    };
  }

  /**
   * Whether {@code table} keeps Delta's change data feed: the tables validate proves, so that it
   * can tell which symbols changed since they were last proven.
   */
  public static boolean recordsChanges(LakeTable table) {
    return switch (table) {
      case TRADE_RECORDS, FIFO_ALLOCATIONS, FIFO_INVENTORY_SNAPSHOT, FIFO_COMPUTATION_LOG -> true;
      default -> false;
    };
  }

  /** Columns Delta partitions {@code table} by. */
  public static List<String> partitionColumns(LakeTable table) {
    return switch (table) {
      case FIFO_ALLOCATIONS,
          FIFO_INVENTORY_SNAPSHOT,
          PNL_BY_SYMBOL,
          PNL_BY_QUOTE,
          PNL_DAILY,
          PNL_MONTHLY,
          WIN_RATE,
          TAX_LOTS,
          TAX_SUMMARY,
          PNL_DAILY_BY_SYMBOL,
          TAX_SUMMARY_BY_SYMBOL,
          TOP_SELLS,
          FORM_8949,
          SCHEDULE_D,
          YEAR_END_LOTS ->
          List.of("allocation_version");
      default -> List.of();
    };
  }

  static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  static StructType schema(StructField... fields) {
    return DataTypes.createStructType(fields);
  }
}
