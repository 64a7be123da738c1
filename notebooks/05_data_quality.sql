-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Data quality
-- MAGIC
-- MAGIC What needs a person: the review queue (bad ledger rows, conflicting duplicates, unmatched sells,
-- MAGIC failed symbols), the health of each version, and quick checks that every sell's allocations add
-- MAGIC up to its size. `fifo-pipeline validate --version N` checks every invariant; these queries are
-- MAGIC for exploring what it reports.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Parameters
-- MAGIC Widgets bound as named parameter markers (`:name`): `schema`, the schema (database) the
-- MAGIC lake's tables are registered in, and `allocation_version`, the version to look at. On plain Spark (3.4+), run each statement with
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
CREATE TABLE IF NOT EXISTS manual_review_queue USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/manual_review_queue';
CREATE TABLE IF NOT EXISTS fifo_allocations USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/fifo_allocations';
CREATE TABLE IF NOT EXISTS fifo_computation_log USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/fifo_computation_log';
CREATE TABLE IF NOT EXISTS trade_records USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/trade_records';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The review queue by reason
-- MAGIC Ingest findings have no `allocation_version`; unmatched sells and failed symbols belong to one.

-- COMMAND ----------

SELECT reason, allocation_version, count(*) AS rows, max(detected_at) AS last_detected
FROM manual_review_queue
GROUP BY reason, allocation_version
ORDER BY allocation_version NULLS FIRST, rows DESC, reason;

-- COMMAND ----------

SELECT order_id, symbol, reason, details, detected_at
FROM manual_review_queue
WHERE allocation_version IS NULL OR allocation_version = :allocation_version
ORDER BY detected_at DESC, reason, order_id
LIMIT 50;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Allocation health per version (the seeds' `v_allocation_health`)

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW v_allocation_health AS
SELECT allocation_version,
       first(method) AS method,
       count(*) AS total_allocations,
       count(buy_order_id) AS matched_allocations,
       count_if(buy_order_id IS NULL) AS unmatched_sells,
       count(DISTINCT sell_order_id) AS sells,
       count(DISTINCT symbol) AS symbols,
       sum(pnl) AS total_pnl
FROM fifo_allocations
GROUP BY allocation_version;

-- COMMAND ----------

SELECT allocation_version, method, total_allocations, matched_allocations, unmatched_sells, sells,
       symbols, round(total_pnl, 2) AS total_pnl
FROM v_allocation_health
ORDER BY allocation_version;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Unmatched sells (the seeds' `v_unmatched_sells`)

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW v_unmatched_sells AS
SELECT allocation_version, account, symbol, sell_order_id, sell_time,
       allocated_size AS unmatched_size, proceeds AS proceeds_without_basis
FROM fifo_allocations
WHERE buy_order_id IS NULL;

-- COMMAND ----------

SELECT symbol, sell_order_id, sell_time, unmatched_size, round(proceeds_without_basis, 2) AS proceeds
FROM v_unmatched_sells
WHERE allocation_version = :allocation_version
ORDER BY sell_time DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Runs: the latest per symbol, failures first

-- COMMAND ----------

SELECT symbol, account, method, mode, status, error, started_at, duration_ms, allocations,
       unmatched_sells, round(total_pnl, 2) AS total_pnl
FROM (
  SELECT *, row_number() OVER (PARTITION BY account, symbol ORDER BY started_at DESC) AS latest
  FROM fifo_computation_log
  WHERE allocation_version = :allocation_version
) WHERE latest = 1
ORDER BY status, symbol;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Quick check: each sell's allocations add up to its size
-- MAGIC Differences below the dust threshold (`matching.dust`, 1e-8 by default) are dust; anything
-- MAGIC larger is a breach that `validate` reports too. Expect no rows.

-- COMMAND ----------

SELECT t.symbol, t.order_id, t.size, a.allocated
FROM trade_records t
JOIN (SELECT sell_order_id, sum(allocated_size) AS allocated
      FROM fifo_allocations
      WHERE allocation_version = :allocation_version
      GROUP BY sell_order_id) a
  ON a.sell_order_id = t.order_id
WHERE t.side = 'sell' AND abs(t.size - a.allocated) >= 0.00000001
ORDER BY t.symbol, t.order_id;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Legacy inline values still present
-- MAGIC Sells whose legacy `pnl_usd` / `parent_id` columns are filled: the old inline method's output,
-- MAGIC kept only for `compare --legacy` (the notebook `04_versions` compares them).

-- COMMAND ----------

SELECT symbol, count(*) AS sells_with_legacy_values
FROM trade_records
WHERE side = 'sell' AND (pnl_usd IS NOT NULL OR parent_id IS NOT NULL)
GROUP BY symbol
ORDER BY sells_with_legacy_values DESC, symbol;
