package dev.fifopipeline.lake;

import java.util.Arrays;
import java.util.Optional;

/** The Delta tables of the lake, by the names users query them with. */
public enum LakeTable {
  TRADE_RECORDS("trade_records"),
  FIFO_ALLOCATIONS("fifo_allocations"),
  FIFO_INVENTORY_SNAPSHOT("fifo_inventory_snapshot"),
  FIFO_COMPUTATION_LOG("fifo_computation_log"),
  MANUAL_REVIEW_QUEUE("manual_review_queue"),
  PNL_BY_SYMBOL("pnl_by_symbol"),
  PNL_BY_QUOTE("pnl_by_quote"),
  PNL_DAILY("pnl_daily"),
  PNL_MONTHLY("pnl_monthly"),
  WIN_RATE("win_rate"),
  TAX_LOTS("tax_lots"),
  TAX_SUMMARY("tax_summary"),
  PNL_DAILY_BY_SYMBOL("pnl_daily_by_symbol"),
  TAX_SUMMARY_BY_SYMBOL("tax_summary_by_symbol"),
  TOP_SELLS("top_sells"),
  FORM_8949("form_8949"),
  SCHEDULE_D("schedule_d"),
  YEAR_END_LOTS("year_end_lots");

  private final String tableName;

  LakeTable(String tableName) {
    this.tableName = tableName;
  }

  /** The name in the lake, in SQL and in PostgreSQL. */
  public String tableName() {
    return tableName;
  }

  /** The table called {@code name}, if any. */
  public static Optional<LakeTable> named(String name) {
    return Arrays.stream(values()).filter(t -> t.tableName.equalsIgnoreCase(name)).findFirst();
  }

  @Override
  public String toString() {
    return tableName;
  }
}
