"""A web page's text and the facts its markup states: JSON-LD, OpenGraph, h-card, rel=me, feeds, robots.

Values a page states in named fields (a JSON-LD Person's email, an h-card's p-tel) become
`StructuredValue`s: they are findings with full confidence, not guesses of the detectors. Hostile
markup never raises: selectolax parses anything, JSON-LD is size- and depth-bounded, and a script
that is not JSON is skipped.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scanner.htmltext import parse, tree_text
from scanner.models import StructuredValue

MAX_LINKS = 2_000
MAX_JSON_LD_BYTES = 1_000_000
MAX_JSON_LD_SCRIPTS = 20
MAX_JSON_LD_DEPTH = 8
MAX_VALUES = 200
MAX_OPEN_ELEMENTS = 3_000
"""HTML5 tree building costs O(depth) per tag, so 5 MB of unclosed <div>s would parse for hours."""
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,20})")
_NEVER_OPEN = frozenset({b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
                         b"param", b"source", b"track", b"wbr", b"p", b"li", b"td", b"th", b"tr", b"option",
                         b"dt", b"dd"})
"""Void elements and those the parser closes by itself: they never pile up."""
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
ROBOTS_META_NAMES = ("robots", "googlebot", "bingbot", "gptbot", "ccbot", "claudebot")
PERSON_FIELDS = {"name": "PERSON", "email": "EMAIL_ADDRESS", "telephone": "PHONE_NUMBER",
                 "birthDate": "DATE_OF_BIRTH", "sameAs": "URL", "url": "URL", "alternateName": "PERSON",
                 "homeLocation": "LOCATION", "birthPlace": "LOCATION"}
ADDRESS_FIELDS = {"streetAddress": "STREET_ADDRESS", "addressLocality": "LOCATION",
                  "addressRegion": "LOCATION", "postalCode": "POSTAL_CODE", "addressCountry": "LOCATION"}
HCARD_FIELDS = {"p-name": "PERSON", "u-email": "EMAIL_ADDRESS", "p-tel": "PHONE_NUMBER",
                "p-street-address": "STREET_ADDRESS", "p-locality": "LOCATION", "p-region": "LOCATION",
                "p-postal-code": "POSTAL_CODE", "p-country-name": "LOCATION", "dt-bday": "DATE_OF_BIRTH",
                "p-nickname": "USERNAME", "p-org": "ORGANIZATION", "p-job-title": "ORGANIZATION"}
OPENGRAPH_FIELDS = {"profile:username": "USERNAME", "og:email": "EMAIL_ADDRESS",
                    "og:phone_number": "PHONE_NUMBER", "og:street-address": "STREET_ADDRESS",
                    "og:locality": "LOCATION", "og:postal-code": "POSTAL_CODE"}


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What one HTML page says about itself and its author, besides its text."""

    url: str
    text: str = field(repr=False)
    title: str | None = None
    structured: tuple[StructuredValue, ...] = ()
    opengraph: dict[str, str] = field(default_factory=dict)
    rel_me: tuple[str, ...] = ()
    """Profiles the page claims as the same person (rel=me links, JSON-LD sameAs)."""
    feeds: tuple[str, ...] = ()
    """Advertised RSS/Atom/JSON feeds, absolute."""
    links: tuple[str, ...] = ()
    """Absolute http(s) links without fragments, in page order, at most MAX_LINKS."""
    robots: tuple[str, ...] = ()
    """Robots meta directives, lower-cased ('noindex', 'noai', 'noimageai')."""
    tdm_reservation: str | None = None
    """The tdm-reservation meta value ('1' reserves text-and-data-mining rights)."""
    tdm_policy: str | None = None


def _clean(value: Any) -> str:
    return " ".join(str(value).split())[:500]


def _value(entity: str, raw: Any, label: str) -> StructuredValue | None:
    text = _clean(raw)
    if entity == "EMAIL_ADDRESS":
        text = text.removeprefix("mailto:").split("?")[0]
    if entity == "PHONE_NUMBER":
        text = text.removeprefix("tel:")
    return StructuredValue(entity, text, label) if text else None


def _json_ld_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > MAX_JSON_LD_DEPTH:
        return
    if isinstance(data, list):
        for item in data[:100]:
            yield from _json_ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "author", "creator", "about"):
            if key in data:
                yield from _json_ld_objects(data[key], depth + 1)


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type", ())
    return {str(k) for k in (kind if isinstance(kind, list) else [kind])}


def _person_values(person: dict[str, Any]) -> Iterator[StructuredValue | None]:
    for key, entity in PERSON_FIELDS.items():
        raw = person.get(key)
        for item in raw if isinstance(raw, list) else [raw]:
            if isinstance(item, dict):
                item = item.get("name") or item.get("@id")
            if isinstance(item, str | int | float) and item != "":
                yield _value(entity, item, f"json-ld.Person.{key}")
    address = person.get("address")
    for part in address if isinstance(address, list) else [address]:
        if isinstance(part, str):
            yield _value("STREET_ADDRESS", part, "json-ld.Person.address")
        elif isinstance(part, dict):
            for key, entity in ADDRESS_FIELDS.items():
                if isinstance(part.get(key), str | int):
                    yield _value(entity, part[key], f"json-ld.Person.address.{key}")
    for key in ("worksFor", "affiliation", "alumniOf"):
        raw = person.get(key)
        for org in raw if isinstance(raw, list) else [raw]:
            name = org.get("name") if isinstance(org, dict) else org
            if isinstance(name, str):
                yield _value("ORGANIZATION", name, f"json-ld.Person.{key}")


def json_ld_values(tree: LexborHTMLParser) -> tuple[list[StructuredValue], list[str]]:
    """Structured values of every JSON-LD Person on the page, and its sameAs links."""
    values: list[StructuredValue] = []
    same_as: list[str] = []
    for node in tree.css('script[type="application/ld+json"]')[:MAX_JSON_LD_SCRIPTS]:
        raw = node.text(deep=True)
        if len(raw) > MAX_JSON_LD_BYTES:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for item in _json_ld_objects(data):
            if "Person" not in _types(item):
                continue
            values.extend(value for value in _person_values(item) if value is not None)
            links = item.get("sameAs")
            same_as.extend(link for link in (links if isinstance(links, list) else [links])
                           if isinstance(link, str))
    return values, same_as


def _hcard_text(node: LexborNode, css_class: str) -> str:
    if css_class.startswith("u-") or node.tag == "a":
        href = node.attributes.get("href") or node.attributes.get("value")
        if href and (href.startswith(("mailto:", "tel:")) or css_class.startswith("u-")):
            return href
    if css_class.startswith("dt-"):
        return node.attributes.get("datetime") or node.text(deep=True)
    return node.attributes.get("value") or node.attributes.get("title") or node.text(deep=True)


def hcard_values(tree: LexborHTMLParser) -> list[StructuredValue]:
    """Properties of every microformats2 h-card (p-name, u-email, p-tel, p-adr parts...)."""
    values: list[StructuredValue] = []
    for card in tree.css(".h-card")[:20]:
        for css_class, entity in HCARD_FIELDS.items():
            for node in card.css(f".{css_class}")[:10]:
                value = _value(entity, _hcard_text(node, css_class), f"h-card.{css_class}")
                if value is not None:
                    values.append(value)
    return values


def _absolute(base: str, href: str | None) -> str | None:
    if not href:
        return None
    try:
        url = urldefrag(urljoin(base, href.strip())).url
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


def open_elements(html: bytes) -> int:
    """How deep the page could nest: per tag name, start tags never closed (void, auto-closed aside)."""
    balance: Counter[bytes] = Counter()
    for (slash, name), count in Counter(_TAG.findall(html)).items():
        balance[name.lower()] += -count if slash else count
    return sum(count for name, count in balance.items() if count > 0 and name not in _NEVER_OPEN)


def page_meta(url: str, html: str) -> PageMeta:
    """Parse one page: its text and every fact its markup states. Never raises on bad markup."""
    tree = parse(html)
    base_node = tree.css_first("base[href]")
    base = _absolute(url, base_node.attributes.get("href")) if base_node else None
    base = base or url
    opengraph: dict[str, str] = {}
    robots: list[str] = []
    tdm: dict[str, str] = {}
    for meta in tree.css("meta")[:500]:
        name = (meta.attributes.get("property") or meta.attributes.get("name") or "").strip().lower()
        content = meta.attributes.get("content") or ""
        if name.startswith(("og:", "profile:")):
            opengraph.setdefault(name, _clean(content))
        elif name in ROBOTS_META_NAMES:
            robots.extend(part.strip().lower() for part in content.split(",") if part.strip())
        elif name in ("tdm-reservation", "tdm-policy"):
            tdm[name] = content.strip()
    structured, same_as = json_ld_values(tree)
    structured.extend(hcard_values(tree))
    structured.extend(value for key, entity in OPENGRAPH_FIELDS.items() if key in opengraph
                      for value in [_value(entity, opengraph[key], f"opengraph.{key}")] if value)
    full_name = " ".join(opengraph.get(k, "") for k in ("profile:first_name", "profile:last_name")).strip()
    if full_name:
        structured.append(StructuredValue("PERSON", full_name, "opengraph.profile:name"))
    rel_me = [link for node in tree.css('a[rel~="me"], link[rel~="me"]')[:100]
              if (link := _absolute(base, node.attributes.get("href")))]
    rel_me.extend(link for link in same_as if link not in rel_me)
    structured.extend(StructuredValue("URL", link, "rel=me") for link in rel_me
                      if not any(v.value == link for v in structured))
    feeds = [link for node in tree.css('link[rel~="alternate"]')
             if (node.attributes.get("type") or "").lower() in FEED_TYPES
             and (link := _absolute(base, node.attributes.get("href")))]
    links: dict[str, None] = {}
    for node in tree.css("a[href]"):
        link = _absolute(base, node.attributes.get("href"))
        if link:
            links[link] = None
            if len(links) >= MAX_LINKS:
                break
    title_node = tree.css_first("title")
    title = _clean(title_node.text(deep=True)) if title_node else opengraph.get("og:title")
    return PageMeta(
        url=url, text=tree_text(tree), title=title or None,
        structured=tuple(structured[:MAX_VALUES]), opengraph=opengraph, rel_me=tuple(rel_me[:100]),
        feeds=tuple(dict.fromkeys(feeds))[:10], links=tuple(links), robots=tuple(dict.fromkeys(robots)),
        tdm_reservation=tdm.get("tdm-reservation") or None, tdm_policy=tdm.get("tdm-policy") or None,
    )
