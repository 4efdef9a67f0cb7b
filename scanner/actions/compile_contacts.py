"""Compile the privacy contacts the letters use into scanner/data/privacy_contacts.json.

The source is the datenanfragen/data records in ../shared/fixtures/privacy_contacts/ (CC0 1.0). Only
the companies our platforms and the AI crawlers' operators map to are kept, and only the fields a
letter or a complaint needs; the mapping from our source names and crawler operators to a record is
ours. Run after the records change, then read the diff:

    python -m scanner.actions.compile_contacts ../shared/fixtures/privacy_contacts > \
        scanner/data/privacy_contacts.json

tests/actions/test_contacts.py compiles again from ../shared and checks the file still matches.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SOURCE_COMMIT = "0a29c3d6feee53b02e73204a3dbd312eafe56629"
PLATFORMS = {
    "twitter": ("twitter",), "facebook": ("facebook",), "threads": ("facebook",), "instagram": ("instagram",),
    "linkedin": ("linkedin",), "reddit": ("reddit",), "google": ("google",), "youtube": ("google",),
    "gmail": ("google",), "github": ("github",), "snapchat": ("snapchat",), "quora": ("quora",),
    "stackoverflow": ("stackexchange",), "tumblr": ("automattic",),
}
"""Document.source -> the records of the company that runs it (EU entity first where there are two)."""
OPERATORS = {
    "OpenAI": ("openai-ireland-limited", "openai"), "Google": ("google",), "Meta": ("facebook",),
    "Meta/Facebook": ("facebook",), "Amazon": ("amazon-de",), "Apple": ("apple",),
    "Microsoft": ("microsoft",),
}
"""Crawler operator (scanner/data/ai_crawlers.tsv) -> the records of the company behind it."""
COUNTRIES = {"Ireland": "ie", "The Netherlands": "nl", "Deutschland": "de", "Sweden": "se",
             "United Kingdom": "gb", "United States of America": "us"}
"""The last line of a record's postal address -> the ISO country of that establishment."""
GERMAN_STATES = {
    "DE-BW": "debawueldb", "DE-BY": "debaylda", "DE-BE": "deberlbdi", "DE-BB": "debralda",
    "DE-HB": "debrelfdi", "DE-HH": "dehmbbfdi", "DE-HE": "dehessbdi", "DE-MV": "demvldi",
    "DE-NI": "dendslfd", "DE-NW": "denrwldi", "DE-RP": "derlpbdi", "DE-SL": "desaarudz",
    "DE-SN": "desaechsdsb", "DE-ST": "desalbd", "DE-SH": "deshuld", "DE-TH": "detlfdi",
}
"""German state (ISO 3166-2) -> its authority for companies; Germany has no single one for them."""
COMPANY_FIELDS = ("name", "address", "email", "webform", "suggested-transport-medium")
AUTHORITY_FIELDS = ("name", "address", "email", "webform", "relevant-countries")


def _record(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def compile_contacts(folder: Path) -> dict[str, Any]:
    """The compiled file's content from the records in `folder`."""
    wanted = sorted({slug for slugs in (*PLATFORMS.values(), *OPERATORS.values()) for slug in slugs})
    companies = {}
    for slug in wanted:
        record = _record(folder / "companies" / f"{slug}.json")
        kept = {name: record[name] for name in COMPANY_FIELDS if name in record}
        kept["country"] = COUNTRIES[record["address"].splitlines()[-1].strip()]
        companies[slug] = kept
    regions = {slug: region for region, slug in GERMAN_STATES.items()}
    authorities = {}
    for path in sorted((folder / "supervisory-authorities").glob("*.json")):
        record = _record(path)
        kept = {name: record[name] for name in AUTHORITY_FIELDS if name in record}
        if record["slug"] in regions:
            kept["region"] = regions[record["slug"]]
        authorities[record["slug"]] = kept
    return {
        "_about": {
            "source": "https://github.com/datenanfragen/data",
            "commit": SOURCE_COMMIT,
            "licence": "CC0 1.0 Universal (public domain dedication) by the datenanfragen.de contributors",
            "compiled_by": "python -m scanner.actions.compile_contacts ../shared/fixtures/privacy_contacts",
            "fields": "companies: " + ", ".join(COMPANY_FIELDS) + ", country (ours, from the address); "
                      "authorities: " + ", ".join(AUTHORITY_FIELDS) + ", region (ours, German states)",
        },
        "platforms": {name: list(slugs) for name, slugs in PLATFORMS.items()},
        "operators": {name: list(slugs) for name, slugs in OPERATORS.items()},
        "companies": companies,
        "authorities": authorities,
    }


def compiled_text(folder: Path) -> str:
    return json.dumps(compile_contacts(folder), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    sys.stdout.write(compiled_text(Path(sys.argv[1])))
