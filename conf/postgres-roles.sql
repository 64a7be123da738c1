-- Least-privilege roles for fifo-pipeline (run once as a superuser or the database owner).
-- Replace the database name and the passwords; give the passwords to the pipeline through the
-- environment (FIFO_SOURCE_JDBC_PASSWORD, FIFO_SINK_JDBC_PASSWORD), never in a file.
--
--   fifo_reader  reads the bot's ledger (trade_records) and nothing else
--   fifo_writer  owns the pipeline's own tables and views, in their own schema "fifo"
--
-- reconcile --auto-backfill is the one command that writes the ledger: it only appends, and needs
-- INSERT on trade_records for the source role (the last, commented grant).

CREATE ROLE fifo_reader LOGIN PASSWORD 'change-me-reader';
CREATE ROLE fifo_writer LOGIN PASSWORD 'change-me-writer';

GRANT CONNECT ON DATABASE bot_trader_db TO fifo_reader, fifo_writer;
GRANT USAGE ON SCHEMA public TO fifo_reader;
GRANT SELECT ON public.trade_records TO fifo_reader;

CREATE SCHEMA IF NOT EXISTS fifo AUTHORIZATION fifo_writer;
-- analysts and the bot's report job may read the pipeline's tables and views:
-- GRANT USAGE ON SCHEMA fifo TO report_role;
-- ALTER DEFAULT PRIVILEGES FOR ROLE fifo_writer IN SCHEMA fifo GRANT SELECT ON TABLES TO report_role;

-- GRANT INSERT ON public.trade_records TO fifo_reader;   -- only for reconcile --auto-backfill
