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
-- MAGIC Widgets bound as named parameter markers (`:name`): `schema`, the schema (database) the
-- MAGIC lake's tables are registered in, and `allocation_version`, the version to look at (run `fifo-pipeline report all --version N`
-- MAGIC first). On plain Spark (3.4+), run each statement with
-- MAGIC `spark.sql(statement, args={"schema": "fifo", "allocation_version": 1})` instead of the widget cell.
-- MAGIC
-- MAGIC The next cell registers the lake's Delta tables by name in that schema (`IF NOT EXISTS`: a
-- MAGIC no-op once they are). Edit `dbfs:/fifo-pipeline/lake` there to your `lake.path` (any path
-- MAGIC Spark reads: `dbfs:/...`, `/Volumes/<catalog>/<schema>/<volume>/...`, `s3://...`), or
-- MAGIC register them beforehand with the output of `fifo-pipeline register-tables --database fifo`.
-- MAGIC A table's location cannot be a parameter: Spark takes no parameter marker there.

-- COMMAND ----------

CREATE WIDGET TEXT schema DEFAULT 'fifo';
CREATE WIDGET TEXT allocation_version DEFAULT '1';

-- COMMAND ----------

CREATE SCHEMA IF NOT EXISTS IDENTIFIER(:schema);
USE IDENTIFIER(:schema);
CREATE TABLE IF NOT EXISTS pnl_by_symbol USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/pnl_by_symbol';
CREATE TABLE IF NOT EXISTS pnl_by_quote USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/pnl_by_quote';
CREATE TABLE IF NOT EXISTS pnl_monthly USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/pnl_monthly';
CREATE TABLE IF NOT EXISTS pnl_daily USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/pnl_daily';
CREATE TABLE IF NOT EXISTS fifo_inventory_snapshot USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/fifo_inventory_snapshot';

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
WHERE allocation_version = :allocation_version
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
WHERE allocation_version = :allocation_version
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
WHERE allocation_version = :allocation_version
ORDER BY quote, month;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Best and worst days

-- COMMAND ----------

(SELECT 'best' AS kind, date, quote, sells, round(realized_pnl, 2) AS realized_pnl
 FROM pnl_daily WHERE allocation_version = :allocation_version
 ORDER BY realized_pnl DESC, date LIMIT 5)
UNION ALL
(SELECT 'worst' AS kind, date, quote, sells, round(realized_pnl, 2) AS realized_pnl
 FROM pnl_daily WHERE allocation_version = :allocation_version
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
WHERE allocation_version = :allocation_version AND NOT dust
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
WHERE p.allocation_version = :allocation_version AND p.open_lots > 0
ORDER BY p.open_cost_basis DESC, p.symbol;
