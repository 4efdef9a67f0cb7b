"""RSS, Atom and JSON Feed entries as posts; hostile XML refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.crawl.feeds import feed_documents, feed_entries, looks_like_feed
from scanner.models import Document, DocumentKind, Skipped, Visibility

RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Jo</title>
<item><title>Moving day</title><link>https://jo.example/moving</link><guid>g1</guid>
<pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate>
<description>short</description>
<content:encoded><![CDATA[<p>We moved to <b>12 Elm Street</b>.</p>]]></content:encoded></item>
<item><title>Second</title><description>&lt;p&gt;plain &amp;amp; simple&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Jo</title>
<entry><id>tag:jo,2024:1</id><title>Hello</title>
<link rel="alternate" href="https://jo.example/hello"/><published>2024-03-01T09:30:00Z</published>
<content type="html">&lt;p&gt;Call me at 555-0134&lt;/p&gt;</content></entry></feed>"""


def test_rss_items_become_public_posts() -> None:
    items = list(feed_documents("https://jo.example/feed.xml", RSS, max_items=10))
    assert all(isinstance(item, Document) for item in items)
    first = items[0]
    assert isinstance(first, Document)
    assert first.id == "https://jo.example/moving"
    assert first.kind is DocumentKind.POST
    assert first.visibility is Visibility.PUBLIC
    assert first.created_at == datetime(2024, 1, 2, 10, 0, tzinfo=UTC)
    assert first.text == "Moving day\n\nWe moved to 12 Elm Street."
    second = items[1]
    assert isinstance(second, Document)
    assert second.id == "https://jo.example/feed.xml#Second"
    assert "plain & simple" in second.text


def test_atom_entries() -> None:
    (entry,) = feed_entries(ATOM)
    assert entry.link == "https://jo.example/hello"
    assert entry.published == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    assert entry.text == "Call me at 555-0134"


def test_rss_1_0_rdf_items_with_dublin_core_dates() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Jo</title></channel>
<item rdf:about="https://jo.example/1"><title>Old post</title><link>https://jo.example/1</link>
<description>I live in Springfield.</description>
<dc:date>2009-05-01T12:00:00+00:00</dc:date></item></rdf:RDF>"""
    (entry,) = feed_entries(rdf)
    assert (entry.title, entry.link, entry.text) == (
        "Old post",
        "https://jo.example/1",
        "I live in Springfield.",
    )
    assert entry.published == datetime(2009, 5, 1, 12, 0, tzinfo=UTC)


def test_json_feed() -> None:
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "url": "https://j.example/1",'
        b' "content_html": "<p>hi there</p>", "date_published": "2024-05-01T00:00:00+00:00"}]}'
    )
    (entry,) = feed_entries(body)
    assert entry.text == "hi there"
    assert entry.link == "https://j.example/1"


def test_max_items_bounds_the_posts() -> None:
    assert len(list(feed_documents("https://j.example/f", RSS, max_items=1))) == 1


def test_entity_expansion_is_refused() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
    <rss><channel><item><title>&lol2;</title></item></channel></rss>"""
    (skipped,) = feed_documents("https://e.com/feed", bomb, max_items=10)
    assert isinstance(skipped, Skipped)
    assert "entities" in skipped.reason


def test_broken_xml_is_one_skip() -> None:
    (skipped,) = feed_documents("https://e.com/feed", b"<rss><channel><item>", max_items=10)
    assert isinstance(skipped, Skipped)
    assert "not well-formed" in skipped.reason


@pytest.mark.parametrize(("body", "reason"), [
    (b"<rss><channel><item><title>rowan.hale@example.org</titel>",
     "feed is not well-formed XML (mismatched tag: line 1, column 51)"),
    (b'<?xml version="1.0" encoding="rowan-hale-5035550142"?><rss/>',
     "feed declares an encoding that is not known"),
])
def test_broken_xml_is_one_line_that_quotes_nothing(body: bytes, reason: str) -> None:
    """An unknown encoding raised LookupError (quoting the declaration) past the feed's skip handling."""
    (skipped,) = feed_documents("https://e.com/feed", body, max_items=10)
    assert skipped == Skipped("https://e.com/feed", reason)


def test_feed_sniffing() -> None:
    assert looks_like_feed("text/html", b"  <?xml version='1.0'?><rss>")
    assert looks_like_feed("application/atom+xml", b"")
    assert not looks_like_feed("text/html", b"<html><body>")


@settings(max_examples=60, deadline=None)
@given(
    st.binary(max_size=300)
    | st.text(alphabet='<>/ rssfeeditmlk="&;!ENTITY{}[]', max_size=300).map(str.encode)
)
def test_any_bytes_end_in_documents_or_one_skip(body: bytes) -> None:
    for item in feed_documents("https://e.com/feed", body, max_items=5):
        assert isinstance(item, Document | Skipped)
