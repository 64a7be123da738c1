"""fifo-pipeline on Airflow: the incremental `nightly` every 5 minutes and a full recompute daily,
each submitted to Spark with SparkSubmitOperator (apache-airflow-providers-apache-spark).

Exit codes it relies on (README "Exit codes"), which spark-submit passes on in client deploy mode
(the driver runs inside spark-submit; in cluster mode only "failed" would come back):
  0  done (rows sent to review and unmatched sells are reported, not failures): task succeeds
  1  an invariant is broken: nothing was published; the task fails
  2  wrong usage or settings: the task fails until a person fixes them
  3  environment: database unreachable, lake unreadable, or the lake busy with another run
  4  internal error (a bug): the stack trace is in the driver's log
SparkSubmitOperator fails the task on any non-zero exit without telling the codes apart, so a
task is retried once: a retry is what exit 3 needs and is harmless after 1 or 2 (it fails the
same way, and a failed validation never publishes). max_active_runs=1 keeps runs from meeting on
the lake's lock.

The connection `spark_default` names the master (e.g. spark://master:7077) and deploy mode
client. FIFO_HOME is where the application jar is; secrets come from the environment of the
Airflow worker (FIFO_SOURCE_JDBC_PASSWORD, FIFO_SINK_JDBC_PASSWORD), never from this file.
"""

import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

FIFO_HOME = os.environ.get("FIFO_HOME", "/opt/fifo-pipeline")
APPLICATION = f"{FIFO_HOME}/pipeline/target/fifo-pipeline-0.1.0-SNAPSHOT.jar"
LAKE = os.environ.get("FIFO_LAKE_PATH", "s3a://bucket/lake")

# The driver in UTC, as the launcher runs it (README "Running on a cluster").
SPARK_CONF = {
    "spark.driver.extraJavaOptions": "-Duser.timezone=UTC",
    "spark.executor.extraJavaOptions": "-Duser.timezone=UTC",
    "spark.sql.shuffle.partitions": "64",
}

DEFAULT_ARGS = {
    "owner": "fifo",
    "retries": 1,
    "retry_delay": timedelta(minutes=2),
}


def nightly(task_id, *extra):
    """One `fifo-pipeline nightly` run through spark-submit."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=APPLICATION,
        java_class="dev.fifopipeline.cli.Main",
        name=f"fifo-pipeline-{task_id}",
        conf=SPARK_CONF,
        application_args=[
            "--set", f"lake.path={LAKE}",
            "--set", f"pipeline.home={FIFO_HOME}",
            "nightly", *extra,
        ],
        execution_timeout=timedelta(minutes=30),
    )


with DAG(
    dag_id="fifo_pipeline_incremental",
    description="fifo-pipeline nightly, incremental, every 5 minutes",
    schedule=timedelta(minutes=5),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["fifo-pipeline"],
) as incremental:
    nightly("nightly")

with DAG(
    dag_id="fifo_pipeline_full",
    description="fifo-pipeline nightly --full, the daily safety net",
    schedule="50 1 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["fifo-pipeline"],
) as full:
    nightly("nightly_full", "--full")
