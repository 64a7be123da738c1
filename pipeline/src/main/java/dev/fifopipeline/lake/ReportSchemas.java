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
   * Realized pnl per (account, symbol), and the open inventory left. {@code quote} is the symbol's
   * quote currency, the unit of every money column; {@code volume} is the value sold (sell price x
   * size, before fees); {@code fees} the buy and sell fee shares of the sizes sold. {@code
   * mark_price}, {@code market_value} and {@code unrealized_pnl} are null unless a price is given.
   */
  public static final StructType PNL_BY_SYMBOL =
      schema(
          field("allocation_version", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("quote", StringType),
          field("sells", LongType),
          field("unmatched_sells", LongType),
          field("matched_size", MONEY),
          field("volume", MONEY),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("fees", MONEY),
          field("realized_pnl", MONEY),
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

  /**
   * Totals per quote currency (money of different quotes is never added up). {@code market_value}
   * and {@code unrealized_pnl} are null unless every open symbol of the quote has a price.
   */
  public static final StructType PNL_BY_QUOTE =
      schema(
          field("allocation_version", IntegerType),
          field("quote", StringType),
          field("symbols", LongType),
          field("sells", LongType),
          field("unmatched_sells", LongType),
          field("volume", MONEY),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("fees", MONEY),
          field("realized_pnl", MONEY),
          field("unmatched_proceeds", MONEY),
          field("open_lots", LongType),
          field("open_cost_basis", MONEY),
          field("market_value", MONEY),
          field("unrealized_pnl", MONEY));

  /** Realized pnl per sell date (in tax.timezone) and quote, with the running total. */
  public static final StructType PNL_DAILY = period("date", DateType);

  /** Realized pnl per calendar month ({@code 2025-12}, in tax.timezone) and quote. */
  public static final StructType PNL_MONTHLY = period("month", StringType);

  /**
   * Win rate per (account, symbol), and per account and quote over all its symbols ({@code symbol =
   * 'ALL'}). A sell is a win when its pnl over its matched allocations is above zero, a loss below,
   * breakeven at zero; a sell with an unmatched rest is counted apart, never as a win or a loss.
   * {@code win_rate = wins / matched_sells}; {@code expectancy = realized_pnl / matched_sells}, the
   * average pnl of a matched sell; {@code profit_factor = gross_profit / gross_loss}, null without
   * losses. Losses ({@code gross_loss}, {@code average_loss}, {@code largest_loss}) are magnitudes.
   */
  public static final StructType WIN_RATE =
      schema(
          field("allocation_version", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("quote", StringType),
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
          field("expectancy", MONEY),
          field("largest_win", MONEY),
          field("largest_loss", MONEY),
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
          field("quote", StringType),
          field("sell_order_id", StringType),
          field("buy_order_id", StringType),
          field("size", MONEY),
          field("holding_days", IntegerType),
          field("warning", StringType));

  /**
   * Schedule D totals per tax year, term ({@code short}, {@code long}, or {@code unknown} for
   * unmatched parts, whose cost basis and gain stay null) and quote currency.
   */
  public static final StructType TAX_SUMMARY =
      schema(
          field("allocation_version", IntegerType),
          field("tax_year", IntegerType),
          field("term", StringType),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("gain", MONEY),
          field("quote", StringType),
          field("lots", LongType));

  /**
   * Realized pnl per (account, symbol) and sell date: the rows {@code pnl_daily} and {@code
   * pnl_monthly} add up, so that a report after a few late trades recomputes the changed symbols'
   * rows only. Columns as in {@code pnl_daily}, without the running total.
   */
  public static final StructType PNL_DAILY_BY_SYMBOL =
      schema(
          field("allocation_version", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("quote", StringType),
          field("date", DateType),
          field("sells", LongType),
          field("unmatched_sells", LongType),
          field("volume", MONEY),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("fees", MONEY),
          field("realized_pnl", MONEY));

  /**
   * The {@code tax_summary} totals per (account, symbol): what {@code tax_summary} adds up. Cost
   * basis and gain of term {@code unknown} stay null, as there.
   */
  public static final StructType TAX_SUMMARY_BY_SYMBOL =
      schema(
          field("allocation_version", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("quote", StringType),
          field("tax_year", IntegerType),
          field("term", StringType),
          field("lots", LongType),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("gain", MONEY));

  /**
   * Per (account, symbol), the sells the report page lists: {@code list} {@code best} (the 10
   * largest wins, by pnl), {@code worst} (the 10 largest losses) and {@code unmatched} (the 100
   * latest sells with an unmatched part), {@code rank} from 1 within the list. The page's lists
   * over all symbols are the first rows of these.
   */
  public static final StructType TOP_SELLS =
      schema(
          field("allocation_version", IntegerType),
          field("list", StringType),
          field("rank", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("quote", StringType),
          field("sell_order_id", StringType),
          field("sell_time", TimestampType),
          field("sell_date", DateType),
          field("size", MONEY),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("pnl", MONEY),
          field("buy_order_ids", StringType),
          field("unmatched_size", MONEY),
          field("unmatched_proceeds", MONEY));

  /**
   * Form 8949 as filed for a tax year, one line per matched lot in US dollars, in whole cents:
   * {@code part} ({@code I} short term, {@code II} long term), {@code box} (A to L), {@code line}
   * (from 1 within the box, in the form's order), the form's columns (a) to (h) ({@code
   * description} to {@code gain}, with {@code gain = proceeds - cost_basis + adjustment} exactly),
   * then where the line came from. {@code code} and {@code adjustment} stay null: the pipeline
   * makes no adjustments.
   */
  public static final StructType FORM_8949 =
      schema(
          field("allocation_version", IntegerType),
          field("tax_year", IntegerType),
          field("part", StringType),
          field("box", StringType),
          field("line", LongType),
          field("description", StringType),
          field("date_acquired", DateType),
          field("date_sold", DateType),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("code", StringType),
          field("adjustment", MONEY),
          field("gain", MONEY),
          field("term", StringType),
          field("reporting", StringType),
          field("account", StringType),
          field("symbol", StringType),
          field("sell_order_id", StringType),
          field("buy_order_id", StringType));

  /**
   * The Schedule D lines a tax year's Form 8949 boxes go to (line {@code 1b}, {@code 2}, {@code 3},
   * {@code 8b}, {@code 9}, {@code 10}), one per box with lines: the sums of the box's {@code
   * form_8949} lines, in whole cents, and how many lines they are.
   */
  public static final StructType SCHEDULE_D =
      schema(
          field("allocation_version", IntegerType),
          field("tax_year", IntegerType),
          field("part", StringType),
          field("line", StringType),
          field("box", StringType),
          field("description", StringType),
          field("lots", LongType),
          field("proceeds", MONEY),
          field("cost_basis", MONEY),
          field("adjustment", MONEY),
          field("gain", MONEY));

  /**
   * The lots open at the end of a tax year (December 31, end of day in {@code tax.timezone}), one
   * per (account, symbol, buy): the buy's time and date, the size still open, its cost basis (the
   * buy price times that size, rounded half-up at 18 places, plus the buy's fees not yet carried by
   * an allocation, exactly as the engine keeps a lot), the holding days and term at December 31,
   * and with mark prices the market value ({@code size x mark_price}) and unrealized gain ({@code
   * market_value - cost_basis}), otherwise null.
   */
  public static final StructType YEAR_END_LOTS =
      schema(
          field("allocation_version", IntegerType),
          field("tax_year", IntegerType),
          field("account", StringType),
          field("symbol", StringType),
          field("quote", StringType),
          field("buy_order_id", StringType),
          field("buy_time", TimestampType),
          field("date_acquired", DateType),
          field("size", MONEY),
          field("buy_price", MONEY),
          field("cost_basis", MONEY),
          field("holding_days", IntegerType),
          field("term", StringType),
          field("mark_price", MONEY),
          field("market_value", MONEY),
          field("unrealized_gain", MONEY));

  private ReportSchemas() {}

  private static StructType period(String name, org.apache.spark.sql.types.DataType type) {
    return schema(
        field("allocation_version", IntegerType),
        field(name, type),
        field("quote", StringType),
        field("sells", LongType),
        field("unmatched_sells", LongType),
        field("volume", MONEY),
        field("proceeds", MONEY),
        field("cost_basis", MONEY),
        field("fees", MONEY),
        field("realized_pnl", MONEY),
        field("cumulative_pnl", MONEY));
  }
}
