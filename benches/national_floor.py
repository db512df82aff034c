"""The floor for benches/national.sh: polars (Python) reads every crime CSV of a national
workload and counts reported crimes per area, category and tertial, the grouping lofte's
crime indicators need. Usage: national_floor.py DIR"""
import glob
import sys

import polars as pl

files = sorted(glob.glob(f"{sys.argv[1]}/*.csv"))
# Windows-1252 text read as bytes-lossy UTF-8: polars has no 1252 decoder, and decoding in
# Python first would measure Python, not polars. Area and category names still group right.
frames = [
    pl.read_csv(f, separator=";", encoding="utf8-lossy", try_parse_dates=True) for f in files
]
crimes = pl.concat(frames)
date = pl.col("Datum")
counts = crimes.group_by(
    pl.col(crimes.columns[1]).alias("area"),
    pl.col("Brottskategori"),
    date.dt.year().alias("year"),
    ((date.dt.month() - 1) // 4 + 1).alias("tertial"),
).len()
print(f"{crimes.height} rows, {counts.height} counts")
