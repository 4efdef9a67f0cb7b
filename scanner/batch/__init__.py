"""`exposure batch`: many people's exports, one subject each, scanned on a Dask cluster or in process.

sources.py says who is who (archives, folders of archives, a manifest); units.py cuts subjects into
work units and reads and detects one unit; subject.py scores a subject's units as one person;
sink.py writes the results (SQLite, Parquet); cluster.py runs units on dask.distributed; run.py ties
them together as the use case the command calls.
"""
