"""The one redaction path: masks keep shape, never the value; hashes are keyed and stable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scanner.redact import keyed_hash, mask, normalise, redact_text, snippet

KEY = b"k" * 32


@pytest.mark.parametrize(
    ("value", "entity", "expected"),
    [
        ("rowan.hale@example.org", "EMAIL_ADDRESS", "r******@example.org"),
        ("Rowan Delacroix-Hale", "PERSON", "R**** D******"),
        ("4111 1111 1111 1111", "CREDIT_CARD", "•••• •••• •••• ••11"),
        ("+1 503-555-0142", "PHONE_NUMBER", "+• •••-•••-••42"),
        ("https://example.org/rowan/private", "URL", "https://example.org/********"),
        ("", "PERSON", ""),
    ],
)
def test_mask_keeps_shape_not_value(value: str, entity: str, expected: str) -> None:
    assert mask(value, entity) == expected


@given(st.text(min_size=3), st.sampled_from(["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "URL"]))
def test_mask_never_returns_a_long_value_unchanged(value: str, entity: str) -> None:
    masked = mask(value, entity)
    if len(value.strip()) >= 3 and entity != "URL" and any(ch.isalnum() for ch in value):
        assert masked != value.strip()


def test_keyed_hash_is_stable_across_spellings_and_depends_on_the_key() -> None:
    first = keyed_hash("+1 (503) 555-0142", "PHONE_NUMBER", KEY)
    assert first == keyed_hash("503.555.0142", "PHONE_NUMBER", KEY)
    assert first != keyed_hash("503.555.0142", "PHONE_NUMBER", b"other key")
    assert keyed_hash("Rowan.Hale@Example.org", "EMAIL_ADDRESS", KEY) == keyed_hash(
        "rowan.hale@example.org", "EMAIL_ADDRESS", KEY)


def test_normalise_handles() -> None:
    assert normalise("@RowanHale", "USERNAME") == normalise("rowanhale", "USERNAME")
    assert normalise("u/rowan_hale", "USERNAME") == "rowan_hale"


def test_redact_text_masks_every_span() -> None:
    text = "Call Rowan at 503-555-0142 today"
    redacted = redact_text(text, [(5, 10, "PERSON"), (14, 26, "PHONE_NUMBER")])
    assert "Rowan" not in redacted and "555-0142" not in redacted
    assert redacted.startswith("Call [R****] at [")


def test_snippet_is_a_window_with_all_values_masked() -> None:
    text = "x" * 100 + " my email is rowan.hale@example.org and my name is Rowan " + "y" * 100
    start = text.index("rowan.hale")
    end = start + len("rowan.hale@example.org")
    name = text.index("Rowan ")
    spans = [(start, end, "EMAIL_ADDRESS"), (name, name + 5, "PERSON")]
    window = snippet(text, start, end, spans)
    assert "rowan.hale@" not in window and "Rowan" not in window
    assert window.startswith("…") and window.endswith("…")
    assert "r******@example.org" in window


def test_a_value_the_window_cuts_is_masked_whole() -> None:
    """The window started inside the address and showed its inner "l" as the first letter of a mask."""
    text = "Mail me at rowan.hale@example.org" + " " * 25 + "and call Rowan"
    name = text.index("Rowan")
    email = text.index("rowan.hale")
    window = snippet(text, name, name + 5, [(email, email + 22, "EMAIL_ADDRESS"), (name, name + 5, "PERSON")])
    assert window == "…[r******@example.org] and call [R****]"


def test_overlapping_spans_are_masked_as_their_union() -> None:
    text = "I live at 12 Quarry Lane, Bristol now"
    start, middle, end = text.index("12"), text.index("Lane"), text.index(" now")
    redacted = redact_text(text, [(start, middle + 4, "ADDRESS"), (middle, end, "LOCATION")])
    assert redacted == "I live at [1* Q***** L**** B******] now"


@pytest.mark.parametrize("stamp", ["2024-03-05T10:22:33Z", "2024-03-05T10:22:33.123+01:00",
                                   "2024-03-05T10:22", "20240305T102233Z", "20240305T102233-0500"])
def test_iso_timestamps_are_not_masked_as_identifiers(stamp: str) -> None:
    """The identifier mask took '2024-03-05T10' for a reference number and hid the time of a post."""
    text = f"Posted {stamp} by Rowan, case AB12345"
    name = text.index("Rowan")
    assert snippet(text, name, name + 5, [(name, name + 5, "PERSON")]) == \
        f"Posted {stamp} by [R****], case [A******]"


@pytest.mark.parametrize("reference", ["2024-13-05T10x99", "20240305T10Q", "2024-03-05T1022ab9"])
def test_references_shaped_almost_like_timestamps_stay_masked(reference: str) -> None:
    window = snippet(f"ref {reference} ok", 0, 3, [])
    assert reference not in window and window.startswith("ref [2")
