"""Sealed snippets: readable with the data directory's key only; rows from before sealing read as stored."""

from __future__ import annotations

from scanner.sealed import PREFIX, UNREADABLE, Sealer

SNIPPET = "The parcel for [r******@example.org] left the depot"


def test_a_sealed_snippet_opens_only_with_its_key() -> None:
    sealer = Sealer(b"k" * 32)
    sealed = sealer.seal(SNIPPET)
    assert sealed.startswith(PREFIX) and "parcel" not in sealed and sealed != sealer.seal(SNIPPET)
    assert sealer.open(sealed) == SNIPPET
    assert Sealer(b"o" * 32).open(sealed) == UNREADABLE
    assert sealer.open(sealed[:-4]) == UNREADABLE


def test_a_snippet_stored_before_sealing_reads_as_it_was() -> None:
    assert Sealer(b"k" * 32).open(SNIPPET) == SNIPPET
