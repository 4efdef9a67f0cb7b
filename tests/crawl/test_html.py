"""Page metadata: JSON-LD Person, h-card, OpenGraph, rel=me, feeds, robots meta; hostile markup."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.crawl.html import PageMeta, open_elements, page_meta

PROFILE = """<!doctype html><html><head>
<title>Jo Doe — home</title>
<base href="https://jo.example/">
<meta name="robots" content="index, NoAI, noimageai">
<meta name="tdm-reservation" content="1">
<meta property="og:title" content="Jo's page">
<meta property="profile:first_name" content="Jo"><meta property="profile:last_name" content="Doe">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="https://jo.example/atom">
<link rel="me" href="https://mastodon.social/@jo">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": {
  "@type": "Person", "name": "Jo Doe", "email": "mailto:jo@example.com", "telephone": "+1 415 555 0134",
  "birthDate": "1990-04-01", "sameAs": ["https://github.com/jodoe", "https://bsky.app/profile/jo.example"],
  "address": {"@type": "PostalAddress", "streetAddress": "12 Elm Street", "addressLocality": "Springfield",
              "postalCode": "01101"},
  "worksFor": {"@type": "Organization", "name": "Acme"}}}
</script>
<script type="application/ld+json">{ not json</script>
</head><body>
<div class="h-card">
  <a class="p-name u-url" href="/">Jo Doe</a>
  <a class="u-email" href="mailto:jo@example.com">email me</a>
  <span class="p-tel">+1 415 555 0134</span>
  <p class="p-adr h-adr"><span class="p-locality">Springfield</span>, <span class="p-region">MA</span></p>
  <time class="dt-bday" datetime="1990-04-01">April 1st</time>
</div>
<p>Hello, I write about gardening.</p>
<a href="/about#team">About</a> <a href="posts/1">Post</a> <a href="mailto:x@y">mail</a>
<a href="https://elsewhere.example/">out</a>
<a rel="me noopener" href="https://github.com/jodoe">GitHub</a>
</body></html>"""


def _values(meta: PageMeta) -> set[tuple[str, str, str]]:
    return {(value.entity, value.value, value.label) for value in meta.structured}


def test_json_ld_person_becomes_structured_values() -> None:
    values = _values(page_meta("https://jo.example/", PROFILE))
    assert ("PERSON", "Jo Doe", "json-ld.Person.name") in values
    assert ("EMAIL_ADDRESS", "jo@example.com", "json-ld.Person.email") in values
    assert ("PHONE_NUMBER", "+1 415 555 0134", "json-ld.Person.telephone") in values
    assert ("DATE_OF_BIRTH", "1990-04-01", "json-ld.Person.birthDate") in values
    assert ("STREET_ADDRESS", "12 Elm Street", "json-ld.Person.address.streetAddress") in values
    assert ("LOCATION", "Springfield", "json-ld.Person.address.addressLocality") in values
    assert ("POSTAL_CODE", "01101", "json-ld.Person.address.postalCode") in values
    assert ("ORGANIZATION", "Acme", "json-ld.Person.worksFor") in values
    assert ("URL", "https://github.com/jodoe", "json-ld.Person.sameAs") in values


def test_hcard_properties() -> None:
    values = _values(page_meta("https://jo.example/", PROFILE))
    assert ("PERSON", "Jo Doe", "h-card.p-name") in values
    assert ("EMAIL_ADDRESS", "jo@example.com", "h-card.u-email") in values
    assert ("PHONE_NUMBER", "+1 415 555 0134", "h-card.p-tel") in values
    assert ("LOCATION", "Springfield", "h-card.p-locality") in values
    assert ("DATE_OF_BIRTH", "1990-04-01", "h-card.dt-bday") in values


def test_opengraph_rel_me_feeds_robots_and_links() -> None:
    meta = page_meta("https://jo.example/", PROFILE)
    assert meta.title == "Jo Doe — home"
    assert meta.opengraph["og:title"] == "Jo's page"
    assert ("PERSON", "Jo Doe", "opengraph.profile:name") in _values(meta)
    assert meta.rel_me[:2] == ("https://mastodon.social/@jo", "https://github.com/jodoe")
    assert "https://bsky.app/profile/jo.example" in meta.rel_me
    assert meta.feeds == ("https://jo.example/feed.xml", "https://jo.example/atom")
    assert meta.robots == ("index", "noai", "noimageai")
    assert meta.tdm_reservation == "1"
    assert meta.links == (
        "https://jo.example/",
        "https://jo.example/about",
        "https://jo.example/posts/1",
        "https://elsewhere.example/",
        "https://github.com/jodoe",
    )
    assert "Hello, I write about gardening." in meta.text
    assert "not json" not in meta.text


def test_deeply_nested_json_ld_does_not_crash() -> None:
    nested = "[" * 5000 + "]" * 5000
    meta = page_meta("https://e.com/", f'<script type="application/ld+json">{nested}</script><p>x</p>')
    assert meta.structured == ()
    assert meta.text == "x"


def test_hostile_markup_yields_text() -> None:
    hostile = "<div>" * 2_000 + "<p>deep text" + "<<<>>>&#xFFFFFF;&bogus;</scr<script>ipt>" + "\x00\ud800"
    meta = page_meta("https://e.com/", hostile)
    assert "deep text" in meta.text


def test_nesting_estimate_flags_unclosed_floods_only() -> None:
    assert open_elements(b"<div>" * 10_000) == 10_000
    normal = b"<html><body>" + b"<div><p>x<br><img src=a><li>y</div>" * 5_000 + b"</body></html>"
    assert open_elements(normal) <= 2
    assert open_elements(b"<!doctype html><meta charset=utf-8><p>a<p>b<hr/>") == 0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abc-:;{}[]&#\n")) | st.characters(), max_size=400))
def test_any_input_parses_without_raising(markup: str) -> None:
    page_meta("https://e.com/a/", markup)


@settings(max_examples=40, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["@type", "name", "email", "address", "sameAs", "@graph", "worksFor"]),
                inner,
                max_size=4,
            )
        ),
        max_leaves=20,
    )
)
def test_any_json_ld_shape_is_survived(data: object) -> None:
    page_meta("https://e.com/", f'<script type="application/ld+json">{json.dumps(data)}</script>')
    page_meta(
        "https://e.com/",
        '<script type="application/ld+json">'
        + json.dumps({"@type": "Person", "name": data, "address": data})
        + "</script>",
    )
