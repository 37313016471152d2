#!/usr/bin/env python3
"""Runs SQL from stdin against a DuckDB file with the libduckdb shipped in the DuckDB.NET NuGet package.

There is no DuckDB CLI or Python package on the reference machine, so the benchmark's plain-SQL lower bound runs
through the C API with ctypes: the same engine build Strata uses, and nothing between the SQL and the engine.
Usage: duckdb_sql.py DB_FILE|:memory: [SETTINGS_SQL] < query.sql   (prints the rows of the last statement, up to 50)
bench/understand.sh uses it for the plain-SQL lower bound, bench/import.sh to write the import benchmark's input files.
"""
import ctypes
import glob
import os
import sys

lib_path = os.environ.get("LIBDUCKDB") or sorted(glob.glob(os.path.expanduser(
    "~/.nuget/packages/duckdb.net.bindings.full/*/runtimes/linux-x64/native/libduckdb.so")))[-1]
lib = ctypes.CDLL(lib_path)


class Result(ctypes.Structure):
    _fields_ = [("a", ctypes.c_uint64), ("b", ctypes.c_uint64), ("c", ctypes.c_uint64),
                ("d", ctypes.c_void_p), ("e", ctypes.c_void_p)]


lib.duckdb_value_varchar.restype = ctypes.c_void_p
lib.duckdb_result_error.restype = ctypes.c_char_p
lib.duckdb_row_count.restype = ctypes.c_uint64
lib.duckdb_column_count.restype = ctypes.c_uint64

db, con = ctypes.c_void_p(), ctypes.c_void_p()
if lib.duckdb_open(sys.argv[1].encode(), ctypes.byref(db)) != 0:
    sys.exit(f"cannot open {sys.argv[1]}")
lib.duckdb_connect(db, ctypes.byref(con))
sql = (sys.argv[2] + ";\n" if len(sys.argv) > 2 else "") + sys.stdin.read()
res = Result()
if lib.duckdb_query(con, sql.encode(), ctypes.byref(res)) != 0:
    sys.exit("error: " + lib.duckdb_result_error(ctypes.byref(res)).decode())
rows, cols = lib.duckdb_row_count(ctypes.byref(res)), lib.duckdb_column_count(ctypes.byref(res))
for i in range(min(rows, 50)):
    cells = []
    for j in range(cols):
        p = lib.duckdb_value_varchar(ctypes.byref(res), j, i)
        cells.append(ctypes.string_at(p).decode() if p else "NULL")
        lib.duckdb_free(ctypes.c_void_p(p)) if p else None
    print("|".join(cells))
lib.duckdb_destroy_result(ctypes.byref(res))
lib.duckdb_disconnect(ctypes.byref(con))
lib.duckdb_close(ctypes.byref(db))
