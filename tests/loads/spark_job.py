"""Runs newsx under Spark (local mode) the way the README says, and reports.

usage: python3 spark_job.py NEWSX DDL INPUT...

Each INPUT is a JSONL file of scraped articles. The job pipes its lines
through `newsx extract --input-format jsonl -` (one output record per input
record, in order) and reads the records with the published schema (DDL is
the output of `newsx schema --spark`). newsx exits 1 when some records are
error records, which are rows like any other; the pipe fails the task on
any other code (checkCode). An empty partition gives newsx an empty stream,
which it reports as one `empty` error record for `-`; the job drops those.
One JSON line per input reports its rows, error
records, figures, entities, the sum of all figure values and the first ten
figure values of the last record.
"""
import json
import shlex
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main():
    newsx, ddl, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("newsx")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    command = "sh -c " + shlex.quote(
        f"{shlex.quote(newsx)} extract -q --input-format jsonl -; test $? -le 1"
    )
    for path in inputs:
        lines = spark.sparkContext.textFile(path, minPartitions=2)
        out = lines.pipe(command, checkCode=True)
        df = spark.read.schema(ddl).json(out)
        # newsx reports an input with no record at all as one `empty` error
        # record for `-`: that is what an empty partition gives. Dropped.
        df = df.filter(
            ~((F.col("path") == "-") & (F.col("error.kind") == "empty"))
        ).cache()
        rows = df.count()
        errors = df.filter(F.col("error").isNotNull()).count()
        figures = df.select(F.explode("figures").alias("f"))
        count, total = figures.agg(F.count("*"), F.sum("f.value")).first()
        entities = df.select(F.explode("entities")).count()
        last = df.tail(1)[0]["figures"] or []
        print(json.dumps({
            "file": path, "rows": rows, "errors": errors, "figures": count,
            "entities": entities, "sum": total or 0,
            "last": [f["value"] for f in last[:10]],
        }), flush=True)
    spark.stop()


main()
