"""`exposure act`: the action plan as JSON (the stable contract), Markdown, CSV or a terminal view.

Every format carries the same rows: per section the checklist items (by permalink or place), the
opt-out row, the letters with their state, and for a website the blocks it lacks. No value and no
snippet is ever part of a plan: items say which kinds of data they hold, by entity name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scanner.actions.plan import MIN_LEVEL, Plan, RequestLine, Section
from scanner.report.csv import SafeWriter
from scanner.report.table import LEVEL_STYLES

CSV_COLUMNS = ("section", "type", "id", "done", "where", "details", "risk", "level", "state")


def _request(line: RequestLine) -> dict[str, Any]:
    return {"letter": line.letter.id, "recipient": line.letter.recipient.name,
            "address": line.letter.recipient.address, "law": line.letter.law.title,
            "send_via": line.letter.channel, "items": len(line.letter.items), "state": line.state,
            "due": line.due.isoformat() if line.due else None, "next_step": line.next_step,
            "authority": line.authority, "request_id": line.request.id if line.request else None}


def section_record(section: Section) -> dict[str, Any]:
    opt = section.opt_out
    return {
        "key": section.key, "title": section.title, "risk": section.risk, "level": section.level,
        "items": [{"id": item.id, "where": item.where, "permalink": item.permalink,
                   "document_id": item.document_id, "kind": item.kind, "holds": list(item.entities),
                   "findings": item.findings, "risk": item.risk, "level": item.level, "state": item.state,
                   "done": item.state.startswith("done")} for item in section.items],
        "more_items": section.more, "low_risk_documents": section.below,
        "opt_out": {"platform": opt.platform, "available": opt.available, "steps": opt.steps, "url": opt.url,
                    "covers": opt.covers, "checked": opt.checked or None, "legal_route": opt.legal_route},
        "letters": [_request(line) for line in section.requests],
        "site": [{"name": block.name, "where": block.where, "content": block.content, "does": block.does,
                  "does_not": block.does_not} for block in section.site],
    }


def plan_record(plan: Plan) -> dict[str, Any]:
    return {"generated": plan.generated.isoformat(), "law": plan.law, "min_level": MIN_LEVEL.value,
            "sections": [section_record(section) for section in plan.sections]}


def write_json(plan: Plan, stream: IO[str]) -> None:
    stream.write(json.dumps(plan_record(plan), ensure_ascii=False, indent=2) + "\n")


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _opt_out_text(section: Section) -> str:
    opt = section.opt_out
    if opt.available:
        return f"{opt.steps} ({opt.url}; checked {opt.checked})"
    return " ".join(part for part in (opt.steps, opt.legal_route) if part)


def write_markdown(plan: Plan, stream: IO[str]) -> None:
    """The plan as Markdown: checkboxes to tick, links to follow, blocks to copy."""
    out = [f"# What you can do about it (plan of {plan.generated.isoformat()})", ""]
    for number, section in enumerate(plan.sections, 1):
        out += [f"## {number}. {section.title}: risk {section.risk:.0f} ({section.level})", ""]
        if section.items:
            out += ["Delete or edit (mark one done: `exposure act --done ID`):", ""]
            for item in section.items:
                tick = "x" if item.state.startswith("done") else " "
                out.append(f"- [{tick}] `{item.id}` {_cell(item.where)}: {', '.join(item.entities)} "
                           f"(risk {item.risk:.0f}, {item.state})")
            out.append("")
        rest = [f"{section.more} more item(s) at {MIN_LEVEL.value} or above"] if section.more else []
        rest += [f"{section.below} document(s) with lower-risk findings only"] if section.below else []
        if rest:
            out += [f"Not listed: {' and '.join(rest)} (`exposure findings --source {section.key}`).", ""]
        opt = section.opt_out
        label = "Opt out of AI training" if opt.available else "AI training"
        out += [f"{label}: {_cell(_opt_out_text(section))}", ""]
        if opt.covers:
            out += [f"What it covers: {_cell(opt.covers)}", ""]
        for line in section.requests:
            due = f", due {line.due.isoformat()}" if line.due else ""
            step = f", next: {line.next_step}" if line.next_step else ""
            where = f" to {line.authority}" if line.authority else ""
            letter = line.letter
            out.append(f"- Letter `{letter.id}` ({letter.law.title}) to {letter.recipient.name} "
                       f"via {letter.channel}: {line.state}{due}{step}{where}")
        if section.requests:
            out += ["", "Write the letters: `exposure act --letters DIR`; after sending one: "
                    "`exposure requests sent LETTER`.", ""]
        for block in section.site:
            out += [f"If {section.key} is yours, add {block.name} at {block.where}:", "", "```text",
                    block.content.rstrip("\n"), "```", "",
                    f"Does: {block.does} Does not: {block.does_not}", ""]
    if not plan.sections:
        out += ["Nothing to do: no stored findings. Scan something first.", ""]
    stream.write("\n".join(out).rstrip("\n") + "\n")


def write_csv(plan: Plan, stream: IO[str]) -> None:
    """One row per thing to do: items, opt-outs, letters, site blocks."""
    writer = SafeWriter(stream)
    writer.writerow(CSV_COLUMNS)
    for section in plan.sections:
        for item in section.items:
            writer.writerow((section.key, "item", item.id, int(item.state.startswith("done")), item.where,
                             " ".join(item.entities), item.risk, item.level, item.state))
        opt = section.opt_out
        writer.writerow((section.key, "opt-out", "", "", opt.url or "", _opt_out_text(section), "", "",
                         "available" if opt.available else "none"))
        for line in section.requests:
            letter = line.letter
            writer.writerow((section.key, "letter", letter.id, int(line.state == "done"), letter.channel,
                             f"{letter.law.title} to {letter.recipient.name}", "", "", line.state))
        for block in section.site:
            writer.writerow((section.key, "site", block.name, "", block.where, block.does, "", "", "missing"))


def print_plan(plan: Plan, out: Console) -> None:
    """The terminal view: a table of items per section, then its opt-out, letters and blocks."""
    if not plan.sections:
        out.print(Text("Nothing to do: no stored findings. Scan something first."))
        return
    for number, section in enumerate(plan.sections, 1):
        heading = Text(f"\n{number}. {section.title}  ", style="bold")
        heading.append(f"{section.risk:.0f} {section.level}", style=LEVEL_STYLES.get(section.level, ""))
        out.print(heading)
        if section.items:
            table = Table(show_edge=False, pad_edge=False)
            for column in ("id", "where", "holds", "risk", "state"):
                table.add_column(column)
            for item in section.items:
                table.add_row(item.id, item.where, ", ".join(item.entities),
                              Text(f"{item.risk:.0f}", style=LEVEL_STYLES.get(item.level, "")), item.state)
            out.print(table)
        if section.more or section.below:
            out.print(Text(f"  + {section.more} more, {section.below} low-risk: "
                           f"exposure findings --source {section.key}", style="dim"))
        label = "opt out" if section.opt_out.available else "AI training"
        out.print(Text(f"  {label}: {_opt_out_text(section)}"))
        for line in section.requests:
            due = f", due {line.due.isoformat()}" if line.due else ""
            step = f", next: {line.next_step}" if line.next_step else ""
            letter = line.letter
            out.print(Text(f"  letter {letter.id} ({letter.law.title}) to "
                           f"{letter.recipient.name} via {letter.channel}: {line.state}{due}{step}"))
        for block in section.site:
            out.print(Text(f"  if {section.key} is yours: add {block.name} at {block.where} "
                           "(exposure act -f markdown shows it)"))


PLAN_FORMATS: dict[str, Callable[[Plan, Console], None]] = {
    "table": print_plan,
    "json": lambda plan, out: write_json(plan, out.file),
    "markdown": lambda plan, out: write_markdown(plan, out.file),
    "csv": lambda plan, out: write_csv(plan, out.file),
}
"""`exposure act --format NAME` -> its writer, in the order help lists them."""
