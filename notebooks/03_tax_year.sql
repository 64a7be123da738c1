-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Tax year
-- MAGIC
-- MAGIC `tax_lots` is shaped like IRS Form 8949: one line per allocation (a sell's part matched to one
-- MAGIC buy lot) with description (`188.9 SAPIEN`), date acquired, date sold, proceeds (net of the sell's
-- MAGIC fee share), cost basis (with the buy's fee share), gain and term. `tax_summary` holds the
-- MAGIC Schedule D totals per tax year, term and quote currency. Dates, tax years and the one-year rule
-- MAGIC (long term when sold after the buy date's anniversary) are taken in `tax.timezone`.
-- MAGIC
-- MAGIC Parts of sells without a buy lot have term `unknown`, no cost basis and a `warning`: they need
-- MAGIC the missing buy, never a made-up basis.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Parameters
-- MAGIC Widgets bound as named parameter markers (`:name`): `schema`, the schema (database) the
-- MAGIC lake's tables are registered in, and `allocation_version`, the version to look at (run `fifo-pipeline report all --version N`
-- MAGIC first), and `tax_year`. On plain Spark (3.4+), run each statement with
-- MAGIC `spark.sql(statement, args={"schema": "fifo", "allocation_version": 1, "tax_year": 2025})` instead of the widget cell.
-- MAGIC
-- MAGIC The next cell registers the lake's Delta tables by name in that schema (`IF NOT EXISTS`: a
-- MAGIC no-op once they are). Edit `dbfs:/fifo-pipeline/lake` there to your `lake.path` (any path
-- MAGIC Spark reads: `dbfs:/...`, `/Volumes/<catalog>/<schema>/<volume>/...`, `s3://...`), or
-- MAGIC register them beforehand with the output of `fifo-pipeline register-tables --database fifo`.
-- MAGIC A table's location cannot be a parameter: Spark takes no parameter marker there.

-- COMMAND ----------

CREATE WIDGET TEXT schema DEFAULT 'fifo';
CREATE WIDGET TEXT allocation_version DEFAULT '1';
CREATE WIDGET TEXT tax_year DEFAULT '2025';

-- COMMAND ----------

CREATE SCHEMA IF NOT EXISTS IDENTIFIER(:schema);
USE IDENTIFIER(:schema);
CREATE TABLE IF NOT EXISTS tax_lots USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/tax_lots';
CREATE TABLE IF NOT EXISTS tax_summary USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/tax_summary';
CREATE TABLE IF NOT EXISTS fifo_inventory_snapshot USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/fifo_inventory_snapshot';
CREATE TABLE IF NOT EXISTS fifo_computation_log USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/fifo_computation_log';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Schedule D totals, every year

-- COMMAND ----------

SELECT tax_year,
       term,
       quote,
       lots,
       round(proceeds, 2) AS proceeds,
       round(cost_basis, 2) AS cost_basis,
       round(gain, 2) AS gain
FROM tax_summary
WHERE allocation_version = :allocation_version
ORDER BY tax_year, quote, term;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Form 8949 lines of the tax year

-- COMMAND ----------

SELECT description,
       date_acquired,
       date_sold,
       round(proceeds, 2) AS proceeds,
       round(cost_basis, 2) AS cost_basis,
       round(gain, 2) AS gain,
       term,
       holding_days,
       sell_order_id,
       buy_order_id
FROM tax_lots
WHERE allocation_version = :allocation_version AND tax_year = :tax_year AND warning IS NULL
ORDER BY term, date_sold, symbol, sell_order_id, date_acquired;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Lots without a cost basis
-- MAGIC These need attention before filing: find the missing buys (e.g. `fifo-pipeline reconcile`),
-- MAGIC ingest them and recompute the version.

-- COMMAND ----------

SELECT tax_year, symbol, sell_order_id, date_sold, size, round(proceeds, 2) AS proceeds, warning
FROM tax_lots
WHERE allocation_version = :allocation_version AND warning IS NOT NULL
ORDER BY date_sold, sell_order_id;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Short-term sales held longest
-- MAGIC How close the year's short-term sales came to the one-year line (long term needs a sell date
-- MAGIC after the buy date's anniversary: 366 days or more, 367 across a Feb 29).

-- COMMAND ----------

SELECT symbol, description, date_acquired, date_sold, holding_days,
       date_add(add_months(date_acquired, 12), 1) AS long_term_from,
       round(gain, 2) AS gain
FROM tax_lots
WHERE allocation_version = :allocation_version AND tax_year = :tax_year AND term = 'short'
ORDER BY holding_days DESC, date_sold, symbol
LIMIT 10;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Open lots turning long term
-- MAGIC The date each open lot becomes long term (the day after its buy date's anniversary, in the
-- MAGIC version's `tax_timezone`), soonest first.

-- COMMAND ----------

WITH zone AS (
  SELECT max_by(tax_timezone, started_at) AS tax_timezone
  FROM fifo_computation_log
  WHERE allocation_version = :allocation_version
)
SELECT i.symbol,
       i.buy_order_id,
       to_date(from_utc_timestamp(i.buy_time, z.tax_timezone)) AS date_acquired,
       date_add(add_months(to_date(from_utc_timestamp(i.buy_time, z.tax_timezone)), 12), 1)
         AS long_term_from,
       i.remaining_size,
       round(i.remaining_cost_basis, 2) AS cost_basis
FROM fifo_inventory_snapshot i CROSS JOIN zone z
WHERE i.allocation_version = :allocation_version AND NOT i.dust
ORDER BY long_term_from, i.symbol, i.buy_order_id;
