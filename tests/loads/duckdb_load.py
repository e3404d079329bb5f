"""Loads newsx output into DuckDB the way the README says, and reports.

usage: python3 duckdb_load.py COLUMNS FILE...

COLUMNS is the output of `newsx schema --duckdb`. Each FILE (.jsonl or
.parquet) is loaded into a table; one JSON line per file reports its rows,
error records, figures, entities, the sum of all figure values and the
first ten figure values of the last record.
"""
import json
import sys

import duckdb


def relation(path, columns):
    if path.endswith(".parquet"):
        return f"read_parquet('{path}')"
    # Every column typed: no sample of the first records decides a type,
    # and records up to 1 GiB load (DuckDB's default limit is 16 MB).
    return (
        f"read_json('{path}', format = 'newline_delimited', "
        f"columns = {columns}, maximum_object_size = 1073741824)"
    )


def main():
    columns, files = sys.argv[1], sys.argv[2:]
    con = duckdb.connect()
    for path in files:
        con.execute(f"CREATE OR REPLACE TABLE records AS SELECT * FROM {relation(path, columns)}")
        rows, errors = con.execute("SELECT count(*), count(error) FROM records").fetchone()
        figures, total = con.execute(
            "SELECT count(*), coalesce(sum(f.value), 0) "
            "FROM (SELECT unnest(figures) AS f FROM records)"
        ).fetchone()
        (entities,) = con.execute(
            "SELECT count(*) FROM (SELECT unnest(entities) FROM records)"
        ).fetchone()
        (last,) = con.execute(
            "SELECT [f.value FOR f IN figures][1:10] FROM records "
            f"LIMIT 1 OFFSET {rows - 1}"
        ).fetchone()
        print(json.dumps({
            "file": path, "rows": rows, "errors": errors, "figures": figures,
            "entities": entities, "sum": total, "last": last or [],
        }))


main()
