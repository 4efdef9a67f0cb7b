"""The HTML report: one self-contained file a person can open anywhere, offline, and share safely.

Everything is inline (styles, a small script, SVG charts); a Content-Security-Policy forbids the page
from loading anything, so opening it never sends a request. Values are the masked ones unless the
person asked for full values. The findings table is rendered from embedded JSON and sorts and
filters in the browser; so is the action plan (scanner.report.plan's JSON), whose links are set by the
script (web links only) and whose checkboxes keep their state in the browser's localStorage.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from scanner.models import SourceSignals
from scanner.report.export import Record
from scanner.report.signals import NOT_CHECKED, signal_cells

CHART_WIDTH = 520
BAR_HEIGHT = 22
BAR_COLOUR = "#3a5ba0"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _embedded_json(value: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")


def _figure(title: str, svg_body: str, width: int, height: int) -> str:
    label = html.escape(title)
    return (f"<figure><figcaption>{label}</figcaption>"
            f'<svg role="img" aria-label="{label}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{svg_body}</svg></figure>')


def _empty_figure(title: str, message: str) -> str:
    return f'<figure><figcaption>{html.escape(title)}</figcaption><p class="empty">{message}</p></figure>'


def bar_chart(title: str, values: Mapping[str, float], unit: str = "") -> str:
    """A horizontal bar chart as inline SVG, largest first."""
    items = sorted(values.items(), key=lambda item: -item[1])[:12]
    if not items:
        return _empty_figure(title, "nothing yet")
    top = max(value for _, value in items) or 1
    label_width, bar_space = 150, CHART_WIDTH - 210
    rows = []
    for index, (label, value) in enumerate(items):
        y = index * (BAR_HEIGHT + 6)
        width = max(2.0, bar_space * value / top)
        rows.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{html.escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}">'
            f"<title>{html.escape(label)}: {value:g}{unit}</title></rect>"
            f'<text x="{label_width + width + 6:.1f}" y="{y + 15}">{value:g}{unit}</text>'
        )
    return _figure(title, "".join(rows), CHART_WIDTH, len(items) * (BAR_HEIGHT + 6))


def timeline_chart(title: str, months: Mapping[str, int]) -> str:
    """Findings per month of the documents' dates, as inline SVG columns."""
    if not months:
        return _empty_figure(title, "no dated documents")
    keys = sorted(months)
    top = max(months.values()) or 1
    height, width = 160, CHART_WIDTH
    step = width / len(keys)
    bars = []
    for index, key in enumerate(keys):
        bar = (height - 30) * months[key] / top
        bars.append(f'<rect x="{index * step + 1:.1f}" y="{height - 20 - bar:.1f}" '
                    f'width="{max(1.0, step - 2):.1f}" height="{bar:.1f}" fill="{BAR_COLOUR}">'
                    f"<title>{key}: {months[key]}</title></rect>")
    labels = (f'<text x="0" y="{height - 4}">{keys[0]}</text>'
              f'<text x="{width}" y="{height - 4}" text-anchor="end">{keys[-1]}</text>')
    return _figure(title, "".join(bars) + labels, width, height)


def months_of(records: Sequence[Record]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for record in records:
        created = record.get("created_at")
        if isinstance(created, str) and len(created) >= 7:
            counts[created[:7]] += 1
    return dict(counts)


def _top_list(top: Sequence[Mapping[str, Any]]) -> str:
    items = []
    for entry in top:
        actions = "".join(f"<li>{html.escape(action)}</li>" for action in entry.get("actions", ()))
        level = str(entry.get("level", ""))
        items.append(
            f'<li><span class="level {html.escape(level)}">{html.escape(level)}</span> '
            f'<b>{html.escape(str(entry.get("entity")))}</b> {html.escape(str(entry.get("value_redacted")))} '
            f'in {html.escape(str(entry.get("source")))} '
            f'<span class="where">{html.escape(str(entry.get("url") or entry.get("document_id")))}</span>'
            f' ({int(entry.get("places", 1))} place(s))<ul class="actions">{actions}</ul></li>')
    return f'<ol class="top">{"".join(items)}</ol>' if items else '<p class="empty">no open exposures</p>'


def _crawler_cells(data: Mapping[str, Any]) -> tuple[str, str]:
    """(allowed, refused) training crawlers; both "not checked" when robots.txt was not read."""
    if not data.get("robots_checked"):
        return NOT_CHECKED, NOT_CHECKED
    return (", ".join(data.get("training_crawlers_allowed") or ()) or "none",
            ", ".join(data.get("training_crawlers_blocked") or ()) or "none")


def _opt_out_cell(data: Mapping[str, Any]) -> str:
    """Where to opt out (as text: the page loads and links nothing it was not asked to), else the policy's
    own words, which say when no opt-out exists."""
    return str(data.get("opt_out_url") or data.get("opt_out_steps") or "no AI-training policy on file")


def _signals_table(signals: Mapping[str, Mapping[str, Any]]) -> str:
    if not signals:
        return '<p class="empty">no sites or platforms checked</p>'
    rows = []
    for key, data in sorted(signals.items()):
        measured = signal_cells(source_signals(data))
        allowed, refused = _crawler_cells(data)
        cells = (key, allowed, refused, *measured[2:5], measured[6], measured[5], _opt_out_cell(data))
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in cells) + "</tr>")
    header = "".join(f"<th>{name}</th>" for name in (
        "source", "AI training crawlers allowed", "refused", "noai tag", "TDM reserved", "ai.txt",
        "platform trains by default", "Common Crawl captures", "opt out"))
    return f'<table class="signals"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def source_signals(data: Mapping[str, Any]) -> SourceSignals:
    """Stored signals (JSON-ready, maybe with extra keys such as opt_out_steps) as SourceSignals."""
    names = {item.name for item in dataclasses.fields(SourceSignals)}
    known: dict[str, Any] = {name: tuple(value) if isinstance(value, list) else value
                             for name, value in data.items() if name in names}
    return SourceSignals(**known)


def values_note(show_values: bool, records: Sequence[Record]) -> str:
    """Say values are full only when some are: --show-values over a scan without --store-values shows
    masks."""
    if show_values and any(record.get("value") for record in records):
        return "Full values are shown: keep this file private."
    if show_values:
        return ("Values are masked: none were stored (scan with --store-values to keep them). "
                "Keep this file private all the same.")
    return "Values are masked. Re-run with --show-values to include them (and keep the file private)."


def render_html(profile: Mapping[str, Any], top: Sequence[Mapping[str, Any]], records: Sequence[Record],
                signals: Mapping[str, Mapping[str, Any]], show_values: bool,
                generated: datetime | None = None, plan: Mapping[str, Any] | None = None) -> str:
    """The whole report page as one string."""
    template = resources.files("scanner.report").joinpath("report.html").read_text(encoding="utf-8")
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    sections = {
        "generated": html.escape(when),
        "score": f"{float(profile.get('score', 0)):.0f}",
        "grade": html.escape(str(profile.get("grade", "-"))),
        "values_note": values_note(show_values, records),
        "total": str(len(records)),
        "by_category": bar_chart("Exposure by category (0-100)", profile.get("by_category", {})),
        "by_source": bar_chart("Exposure by source (0-100)", profile.get("by_source", {})),
        "timeline": timeline_chart("Findings over time (by the documents' dates)", months_of(records)),
        "top": _top_list(top),
        "signals": _signals_table(signals),
        "data": _embedded_json(list(records)),
        "plan": _embedded_json(plan or {"sections": []}),
    }
    return _PLACEHOLDER.sub(lambda match: sections[match.group(1)], template)
