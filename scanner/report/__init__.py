"""Views of findings: the terminal table and the machine-readable exports, one registry of formats.

A new output format for `exposure findings` is one module with a `(Listing, Console) -> None` writer
and one line in FINDINGS_FORMATS.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from scanner.report.csv import write_csv
from scanner.report.export import Listing, write_listing_json, write_listing_lines
from scanner.report.markdown import write_markdown
from scanner.report.table import print_listing

FindingsWriter = Callable[[Listing, Console], object]
"""Writes the listing to the console's file (what it returns, e.g. a row count, is not used)."""

FINDINGS_FORMATS: dict[str, FindingsWriter] = {
    "table": print_listing,
    "json": lambda listing, out: write_listing_json(listing, out.file),
    "jsonl": lambda listing, out: write_listing_lines(listing, out.file),
    "csv": lambda listing, out: write_csv(listing.records, out.file, listing.show_values, listing.explain),
    "markdown": lambda listing, out: write_markdown(listing.records, out.file, listing.show_values,
                                                    listing.explain),
}
"""`exposure findings --format NAME` -> its writer, in the order help lists them."""
