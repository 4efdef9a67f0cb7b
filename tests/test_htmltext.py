"""HTML to text: visible text only, blocks on their own lines, hostile markup never raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scanner.htmltext import html_to_text, nesting_depth


def test_visible_text_only() -> None:
    html = "<html><head><title>t</title><style>p{}</style></head><body><p>Hello <b>Rowan</b></p>" \
           "<script>var secret = 1;</script><div>Portland&amp;co</div></body></html>"
    text = html_to_text(html)
    assert [line for line in text.splitlines() if line] == ["Hello Rowan", "Portland&co"]
    assert "secret" not in text


@given(st.text())
def test_never_raises(markup: str) -> None:
    assert isinstance(html_to_text(markup), str)


def test_hostile_nesting_is_read_without_the_tree_builder() -> None:
    deep = "<div>" * 50_000 + "Rowan &amp; Jonas<script>x()</script>" + "</div>" * 50_000
    assert nesting_depth(deep) == 50_001
    assert html_to_text(deep) == "Rowan & Jonas"
    assert nesting_depth("<p>a<p>b<ul><li>c<li>d</ul><br><img>") == 1
