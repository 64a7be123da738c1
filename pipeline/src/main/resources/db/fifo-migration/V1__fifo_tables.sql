-- The pipeline's own tables. The bot's trade_records is never touched.
-- Money and quantities numeric(38,18), times timestamptz, as in the lake.

CREATE TABLE fifo_allocations (
  allocation_version integer        NOT NULL,
  method             text           NOT NULL,
  account            text,
  symbol             text           NOT NULL,
  sell_order_id      text           NOT NULL,
  buy_order_id       text,          -- null: the unmatched rest of a sell
  sell_time          timestamptz    NOT NULL,
  buy_time           timestamptz,
  allocated_size     numeric(38,18) NOT NULL,
  sell_price         numeric(38,18) NOT NULL,
  buy_price          numeric(38,18),
  buy_fee_share      numeric(38,18),
  sell_fee_share     numeric(38,18) NOT NULL,
  cost_basis         numeric(38,18),
  proceeds           numeric(38,18) NOT NULL,
  pnl                numeric(38,18),
  holding_days       integer,
  term               text,
  batch_id           text           NOT NULL,
  computed_at        timestamptz    NOT NULL
);
CREATE UNIQUE INDEX fifo_allocations_key
  ON fifo_allocations (allocation_version, sell_order_id, coalesce(buy_order_id, ''));
CREATE INDEX fifo_allocations_symbol ON fifo_allocations (allocation_version, symbol);
CREATE INDEX fifo_allocations_buy ON fifo_allocations (buy_order_id);

CREATE TABLE fifo_inventory_snapshot (
  allocation_version   integer        NOT NULL,
  account              text,
  symbol               text           NOT NULL,
  buy_order_id         text           NOT NULL,
  buy_time             timestamptz    NOT NULL,
  remaining_size       numeric(38,18) NOT NULL,
  remaining_cost_basis numeric(38,18) NOT NULL,
  dust                 boolean        NOT NULL,
  batch_id             text           NOT NULL,
  computed_at          timestamptz    NOT NULL,
  PRIMARY KEY (allocation_version, buy_order_id)
);
CREATE INDEX fifo_inventory_snapshot_symbol ON fifo_inventory_snapshot (allocation_version, symbol);

CREATE TABLE fifo_computation_log (
  batch_id           text           NOT NULL,
  allocation_version integer        NOT NULL,
  method             text           NOT NULL,
  mode               text           NOT NULL,
  account            text,
  symbol             text           NOT NULL,
  started_at         timestamptz    NOT NULL,
  duration_ms        bigint         NOT NULL,
  buys               bigint         NOT NULL,
  sells              bigint         NOT NULL,
  allocations        bigint         NOT NULL,
  unmatched_sells    bigint         NOT NULL,
  total_pnl          numeric(38,18),
  status             text           NOT NULL,
  error              text,
  dust_threshold     numeric(38,18),
  tax_timezone       text,
  ledger_through     timestamptz
);
CREATE UNIQUE INDEX fifo_computation_log_key
  ON fifo_computation_log (batch_id, coalesce(account, ''), symbol);
CREATE INDEX fifo_computation_log_version ON fifo_computation_log (allocation_version, symbol, started_at);

CREATE TABLE manual_review_queue (
  id                 bigserial      PRIMARY KEY,
  order_id           text,
  account            text,
  symbol             text,
  reason             text           NOT NULL,
  details            text,
  allocation_version integer,       -- null: found by ingest, not by a version
  detected_at        timestamptz    NOT NULL
);
CREATE INDEX manual_review_queue_version ON manual_review_queue (allocation_version, symbol);
CREATE INDEX manual_review_queue_order ON manual_review_queue (order_id);

-- One row per publish: what was synchronised and when.
CREATE TABLE fifo_publish_log (
  id                 bigserial      PRIMARY KEY,
  allocation_version integer        NOT NULL,
  published_at       timestamptz    NOT NULL DEFAULT now(),
  mode               text           NOT NULL,   -- full or symbols
  symbols            integer        NOT NULL,
  allocations        bigint         NOT NULL,
  inventory_lots     bigint         NOT NULL,
  review_rows        bigint         NOT NULL,
  log_rows           bigint         NOT NULL,
  duration_ms        bigint         NOT NULL
);
