-- Databricks notebook source
-- MAGIC %md
-- MAGIC # PnL: by symbol, by month, over time, and the open inventory
-- MAGIC
-- MAGIC Realized PnL of one allocation version, from the report tables `pnl_by_symbol`, `pnl_by_quote`,
-- MAGIC `pnl_monthly` and `pnl_daily` that `fifo-pipeline report` writes to the lake, and the open lots of
-- MAGIC `fifo_inventory_snapshot`. Amounts are in each symbol's quote currency (`quote`); amounts of
-- MAGIC different quote currencies are never added up. Dates and months are in `tax.timezone`.
-- MAGIC
-- MAGIC The lake holds exact `DECIMAL(38,18)` values; these queries round to cents only for display.
-- MAGIC Spark's own decimal `-` and `*` drop digits on such columns (`SUM` is exact): sum first, round last.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Parameters
-- MAGIC `lake_path`: the pipeline's `lake.path`; `allocation_version`: the version to look at (run
-- MAGIC `fifo-pipeline report all --version N` first). On plain Spark SQL (`spark-sql`), run
-- MAGIC `SET lake_path=/path/to/lake; SET allocation_version=1;` instead of the widget cell.

-- COMMAND ----------

CREATE WIDGET TEXT lake_path DEFAULT '/dbfs/fifo-pipeline/lake';
CREATE WIDGET TEXT allocation_version DEFAULT '1';

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW pnl_by_symbol AS SELECT * FROM delta.`${lake_path}/pnl_by_symbol`;
CREATE OR REPLACE TEMPORARY VIEW pnl_by_quote AS SELECT * FROM delta.`${lake_path}/pnl_by_quote`;
CREATE OR REPLACE TEMPORARY VIEW pnl_monthly AS SELECT * FROM delta.`${lake_path}/pnl_monthly`;
CREATE OR REPLACE TEMPORARY VIEW pnl_daily AS SELECT * FROM delta.`${lake_path}/pnl_daily`;
CREATE OR REPLACE TEMPORARY VIEW fifo_inventory_snapshot AS SELECT * FROM delta.`${lake_path}/fifo_inventory_snapshot`;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Totals per quote currency

-- COMMAND ----------

SELECT quote,
       symbols,
       sells,
       unmatched_sells,
       round(volume, 2) AS volume,
       round(fees, 2) AS fees,
       round(realized_pnl, 2) AS realized_pnl,
       open_lots,
       round(open_cost_basis, 2) AS open_cost_basis,
       round(unrealized_pnl, 2) AS unrealized_pnl
FROM pnl_by_quote
WHERE allocation_version = ${allocation_version}
ORDER BY quote;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## PnL by symbol, worst first

-- COMMAND ----------

SELECT account,
       symbol,
       sells,
       unmatched_sells,
       round(volume, 2) AS volume,
       round(proceeds, 2) AS proceeds,
       round(cost_basis, 2) AS cost_basis,
       round(fees, 2) AS fees,
       round(realized_pnl, 2) AS realized_pnl,
       first_sell_time,
       last_sell_time
FROM pnl_by_symbol
WHERE allocation_version = ${allocation_version}
ORDER BY realized_pnl, symbol;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## PnL by month, with the running total

-- COMMAND ----------

SELECT month,
       quote,
       sells,
       round(volume, 2) AS volume,
       round(fees, 2) AS fees,
       round(realized_pnl, 2) AS realized_pnl,
       round(cumulative_pnl, 2) AS cumulative_pnl
FROM pnl_monthly
WHERE allocation_version = ${allocation_version}
ORDER BY quote, month;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Best and worst days

-- COMMAND ----------

(SELECT 'best' AS kind, date, quote, sells, round(realized_pnl, 2) AS realized_pnl
 FROM pnl_daily WHERE allocation_version = ${allocation_version}
 ORDER BY realized_pnl DESC, date LIMIT 5)
UNION ALL
(SELECT 'worst' AS kind, date, quote, sells, round(realized_pnl, 2) AS realized_pnl
 FROM pnl_daily WHERE allocation_version = ${allocation_version}
 ORDER BY realized_pnl, date LIMIT 5);

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Open inventory
-- MAGIC Lots still open after the version's last run, oldest first, with their cost basis and age.
-- MAGIC Lots closed as dust (`dust = true`) are left out. `unrealized_pnl` in `pnl_by_symbol` is filled
-- MAGIC when the report was run with `--prices FILE`.

-- COMMAND ----------

SELECT account,
       symbol,
       count(*) AS lots,
       sum(remaining_size) AS open_size,
       round(sum(remaining_cost_basis), 2) AS open_cost_basis,
       min(buy_time) AS oldest_buy,
       datediff(current_date(), to_date(min(buy_time))) AS oldest_age_days
FROM fifo_inventory_snapshot
WHERE allocation_version = ${allocation_version} AND NOT dust
GROUP BY account, symbol
ORDER BY open_cost_basis DESC, symbol;

-- COMMAND ----------

SELECT p.symbol,
       p.open_lots,
       p.open_size,
       round(p.open_cost_basis, 2) AS open_cost_basis,
       p.mark_price,
       round(p.market_value, 2) AS market_value,
       round(p.unrealized_pnl, 2) AS unrealized_pnl
FROM pnl_by_symbol p
WHERE p.allocation_version = ${allocation_version} AND p.open_lots > 0
ORDER BY p.open_cost_basis DESC, p.symbol;
