package dev.fifopipeline.lake;

import static dev.fifopipeline.lake.LakeSchemas.MONEY;
import static dev.fifopipeline.lake.LakeSchemas.field;
import static dev.fifopipeline.lake.LakeSchemas.schema;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * Column layout of the report tables, one set of rows per {@code allocation_version}. Money,
 * quantities and ratios are exact {@code DECIMAL(38,18)}; dates are calendar dates in {@code
 * tax.timezone}; tables with a {@code symbol} carry {@code account} beside it (null without
 * accounts).
 */
public final class ReportSchemas {
  /**
   * Realized pnl per (account, symbol) over the version's allocations, and the open inventory left.
   * {@code mark_price}, {@code market_value} and {@code unrealized_pnl} are null unless prices were
   * given.
   */
  public static final StructType PNL_BY_SYMBOL =
      schema(
          field("allocation_version", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("sells", LongType),
          field("unmatched_sells", LongType),
          field("matched_size", MONEY),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("realized_pnl", MONEY),
          field("fees", MONEY),
          field("unmatched_size", MONEY),
          field("unmatched_proceeds", MONEY),
          field("open_lots", LongType),
          field("open_size", MONEY),
          field("open_cost_basis", MONEY),
          field("mark_price", MONEY),
          field("market_value", MONEY),
          field("unrealized_pnl", MONEY),
          field("first_sell_time", TimestampType),
          field("last_sell_time", TimestampType));

  /** Realized pnl per sell date (all accounts and symbols), with the running total. */
  public static final StructType PNL_DAILY =
      schema(
          field("allocation_version", IntegerType),
          field("date", DateType),
          field("sells", LongType),
          field("unmatched_sells", LongType),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("realized_pnl", MONEY),
          field("cumulative_pnl", MONEY));

  /**
   * Win rate per (account, symbol), and per account over all its symbols ({@code symbol = 'ALL'}).
   * A sell is a win when its pnl over its matched allocations is above zero, a loss below,
   * breakeven at zero; a sell with an unmatched rest is counted apart, never as a win or a loss.
   * {@code win_rate = wins / matched_sells}; {@code gross_loss} and {@code average_loss} are
   * magnitudes (positive); {@code profit_factor = gross_profit / gross_loss}, null without losses.
   */
  public static final StructType WIN_RATE =
      schema(
          field("allocation_version", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("sells", LongType),
          field("matched_sells", LongType),
          field("wins", LongType),
          field("losses", LongType),
          field("breakeven", LongType),
          field("unmatched_sells", LongType),
          field("win_rate", MONEY),
          field("gross_profit", MONEY),
          field("gross_loss", MONEY),
          field("profit_factor", MONEY),
          field("average_win", MONEY),
          field("average_loss", MONEY),
          field("realized_pnl", MONEY));

  /**
   * Form 8949 shaped: one lot per allocation. The first nine columns are the contract's; an
   * unmatched part has no date_acquired, cost_basis, gain or term, and a {@code warning}.
   */
  public static final StructType TAX_LOTS =
      schema(
          field("allocation_version", IntegerType),
          field("description", StringType),
          field("date_acquired", DateType),
          field("date_sold", DateType),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("gain", MONEY),
          field("term", StringType),
          field("tax_year", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("sell_order_id", StringType),
          field("buy_order_id", StringType),
          field("size", MONEY),
          field("holding_days", IntegerType),
          field("warning", StringType));

  /**
   * Schedule D totals per tax year and term ({@code short}, {@code long}, or {@code unknown} for
   * unmatched parts, whose cost basis and gain stay null).
   */
  public static final StructType TAX_SUMMARY =
      schema(
          field("allocation_version", IntegerType),
          field("tax_year", IntegerType),
          field("term", StringType),
          field("lots", LongType),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("gain", MONEY));

  private ReportSchemas() {}
}
