-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Version differences
-- MAGIC
-- MAGIC Two allocation versions of the same ledger side by side (e.g. before and after a backfill, or
-- MAGIC fifo vs hifo), sell by sell and symbol by symbol, and one version against the legacy inline
-- MAGIC values the old bot wrote into `trade_records` (`pnl_usd`, `parent_id`, rounded to cents). The
-- MAGIC command `fifo-pipeline compare` writes the same comparisons as CSV files.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Parameters
-- MAGIC Widgets bound as named parameter markers (`:name`): `schema`, the schema (database) the
-- MAGIC lake's tables are registered in, and `version_a` and `version_b`, the two versions to compare. On plain Spark (3.4+), run each statement with
-- MAGIC `spark.sql(statement, args={"schema": "fifo", "version_a": 1, "version_b": 2})` instead of the widget cell.
-- MAGIC
-- MAGIC The next cell registers the lake's Delta tables by name in that schema (`IF NOT EXISTS`: a
-- MAGIC no-op once they are). Edit `dbfs:/fifo-pipeline/lake` there to your `lake.path` (any path
-- MAGIC Spark reads: `dbfs:/...`, `/Volumes/<catalog>/<schema>/<volume>/...`, `s3://...`), or
-- MAGIC register them beforehand with the output of `fifo-pipeline register-tables --database fifo`.
-- MAGIC A table's location cannot be a parameter: Spark takes no parameter marker there.

-- COMMAND ----------

CREATE WIDGET TEXT schema DEFAULT 'fifo';
CREATE WIDGET TEXT version_a DEFAULT '1';
CREATE WIDGET TEXT version_b DEFAULT '2';

-- COMMAND ----------

CREATE SCHEMA IF NOT EXISTS IDENTIFIER(:schema);
USE IDENTIFIER(:schema);
CREATE TABLE IF NOT EXISTS fifo_allocations USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/fifo_allocations';
CREATE TABLE IF NOT EXISTS fifo_computation_log USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/fifo_computation_log';
CREATE TABLE IF NOT EXISTS trade_records USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/trade_records';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The versions in the lake

-- COMMAND ----------

SELECT allocation_version,
       max_by(method, started_at) AS method,
       max(started_at) AS last_run,
       sum(allocations) AS allocations,
       sum(unmatched_sells) AS unmatched_sells,
       round(sum(total_pnl), 2) AS total_pnl
FROM (
  SELECT *, row_number() OVER (PARTITION BY allocation_version, account, symbol
                               ORDER BY started_at DESC) AS latest
  FROM fifo_computation_log
) WHERE latest = 1
GROUP BY allocation_version
ORDER BY allocation_version;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Sell by sell

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW sells_by_version AS
SELECT allocation_version,
       account,
       symbol,
       sell_order_id,
       min(sell_time) AS sell_time,
       coalesce(sum(pnl), 0) AS pnl,
       concat_ws(' ', array_sort(collect_list(buy_order_id))) AS lots,
       coalesce(sum(CASE WHEN buy_order_id IS NULL THEN allocated_size END), 0) AS unmatched_size
FROM fifo_allocations
GROUP BY allocation_version, account, symbol, sell_order_id;

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW v_allocation_discrepancies AS
WITH versions AS (SELECT DISTINCT allocation_version FROM sells_by_version),
pairs AS (
  SELECT a.allocation_version AS version_a, b.allocation_version AS version_b
  FROM versions a CROSS JOIN versions b
  WHERE a.allocation_version <> b.allocation_version
),
sells_a AS (
  SELECT p.version_a, p.version_b, s.*
  FROM pairs p JOIN sells_by_version s ON s.allocation_version = p.version_a
),
sells_b AS (
  SELECT p.version_a, p.version_b, s.*
  FROM pairs p JOIN sells_by_version s ON s.allocation_version = p.version_b
)
SELECT coalesce(a.version_a, b.version_a) AS version_a,
       coalesce(a.version_b, b.version_b) AS version_b,
       coalesce(a.account, b.account) AS account,
       coalesce(a.symbol, b.symbol) AS symbol,
       coalesce(a.sell_order_id, b.sell_order_id) AS sell_order_id,
       coalesce(a.sell_time, b.sell_time) AS sell_time,
       a.pnl AS pnl_a,
       b.pnl AS pnl_b,
       a.lots AS lots_a,
       b.lots AS lots_b,
       CASE
         WHEN b.sell_order_id IS NULL THEN 'only_in_a'
         WHEN a.sell_order_id IS NULL THEN 'only_in_b'
         WHEN a.lots <> b.lots THEN 'different_lots'
         WHEN a.pnl <> b.pnl OR a.unmatched_size <> b.unmatched_size THEN 'different_pnl'
         ELSE 'same'
       END AS status
FROM sells_a a
FULL OUTER JOIN sells_b b
  ON a.version_a = b.version_a AND a.version_b = b.version_b
  AND a.sell_order_id = b.sell_order_id AND a.account <=> b.account;

-- COMMAND ----------

SELECT status, count(*) AS sells
FROM v_allocation_discrepancies
WHERE version_a = :version_a AND version_b = :version_b
GROUP BY status
ORDER BY status;

-- COMMAND ----------

SELECT symbol,
       sell_order_id,
       sell_time,
       round(pnl_a, 2) AS pnl_a,
       round(pnl_b, 2) AS pnl_b,
       round(coalesce(pnl_b, 0) - coalesce(pnl_a, 0), 2) AS difference,
       status
FROM v_allocation_discrepancies
WHERE version_a = :version_a AND version_b = :version_b AND status <> 'same'
ORDER BY abs(coalesce(pnl_b, 0) - coalesce(pnl_a, 0)) DESC, sell_order_id
LIMIT 20;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Symbol by symbol

-- COMMAND ----------

SELECT account, symbol, sells, differing_sells,
       round(total_a, 2) AS pnl_a, round(total_b, 2) AS pnl_b, round(difference, 2) AS difference
FROM (
  SELECT account,
         symbol,
         count(*) AS sells,
         count_if(status <> 'same') AS differing_sells,
         sum(pnl_a) AS total_a,
         sum(pnl_b) AS total_b,
         sum(coalesce(pnl_b, 0)) - sum(coalesce(pnl_a, 0)) AS difference
  FROM v_allocation_discrepancies
  WHERE version_a = :version_a AND version_b = :version_b
  GROUP BY account, symbol
)
ORDER BY abs(difference) DESC, symbol;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Version A against the legacy inline values
-- MAGIC `other_lot`: the old bot's parent buy is none of the lots FIFO gives the sell (the stale
-- MAGIC "zombie" parent of the PnL bug); `differs`: same lot, another amount; `agrees`: equal at cents.

-- COMMAND ----------

SELECT s.symbol,
       s.sell_order_id,
       s.sell_time,
       t.pnl_usd AS legacy_pnl,
       round(s.pnl, 2) AS pnl,
       round(s.pnl - t.pnl_usd, 2) AS difference,
       t.parent_id AS legacy_parent,
       s.lots,
       CASE
         WHEN s.unmatched_size > 0 THEN 'unmatched'
         WHEN round(s.pnl, 2) = t.pnl_usd THEN 'agrees'
         WHEN t.parent_id IS NOT NULL AND NOT array_contains(split(s.lots, ' '), t.parent_id)
           THEN 'other_lot'
         ELSE 'differs'
       END AS status
FROM sells_by_version s
JOIN trade_records t ON t.order_id = s.sell_order_id AND t.pnl_usd IS NOT NULL
WHERE s.allocation_version = :version_a
ORDER BY abs(s.pnl - t.pnl_usd) DESC, s.sell_order_id
LIMIT 20;
