"""One module per CLI command: call one use case (record.py, archives/run.py, crawl/audit.py, ...) and
hand its result to a view in scanner/report/; no policy is decided here."""
