"""Text repaired to UTF-8 before a JSON parser sees it, and X data files cut into parts, on any bytes."""

from __future__ import annotations

import contextlib
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.archives.formats.textrepair import RepairedText
from scanner.archives.twitter.jsfiles import stream_records
from scanner.errors import InputError


class Trickle:
    """A stream that hands over at most `step` bytes per read, whatever is asked: chunk edges everywhere."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data = io.BytesIO(data)
        self._step = step

    def read(self, size: int = -1) -> bytes:
        return self._data.read(self._step if size < 0 else min(size, self._step))


def repaired(data: bytes, step: int) -> tuple[bytes, RepairedText]:
    text = RepairedText(Trickle(data, step))
    out = b""
    while chunk := text.read(7):
        out += chunk
    return out, text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.integers(min_value=1, max_value=9))
def test_any_bytes_come_out_as_valid_utf8(data: bytes, step: int) -> None:
    out, text = repaired(data, step)
    out.decode("utf-8")
    assert (text.replaced == 0) == (text.first_at is None)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80),
       st.integers(min_value=1, max_value=9))
def test_valid_text_passes_unchanged_in_either_encoding(value: str, step: int) -> None:
    value = "[" + value
    for encoded in (value.encode("utf-8"), b"\xef\xbb\xbf" + value.encode("utf-8"),
                    b"\xff\xfe" + value.encode("utf-16-le"), value.encode("utf-16-be")):
        out, text = repaired(encoded, step)
        assert out == value.encode("utf-8") and text.replaced == 0


def test_the_offset_is_that_of_the_first_bad_byte_whatever_the_chunks() -> None:
    data = "[\"café\", \"".encode() + b"\xc3(" + b"\"]" + b"\xff"
    for step in range(1, 12):
        out, text = repaired(data, step)
        assert text.first_at == data.index(b"\xc3(") and text.replaced == 2, step
        assert out == '["café", "\ufffd(\"]\ufffd'.encode()


TWEET = st.fixed_dictionaries({"id_str": st.text(max_size=6), "full_text": st.text(max_size=12)})
RECORDS = st.lists(st.fixed_dictionaries({"tweet": TWEET}), max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.lists(RECORDS, min_size=1, max_size=3), st.booleans(), st.integers(min_value=1, max_value=600))
def test_every_concatenated_part_is_read_whatever_the_chunks(parts: list[list[object]], newline: bool,
                                                            step: int) -> None:
    data = (b"\n" if newline else b"").join(
        f"window.YTD.tweets.part{number} = ".encode() + json.dumps(part, indent=1).encode()
        for number, part in enumerate(parts))
    read = list(stream_records(Trickle(data, step)))  # type: ignore[arg-type]
    assert read == [record for part in parts for record in part]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([b"", b"window.YTD.a.part0 = ", b"window.YTD.a.part0 = [\n"]))
def test_a_data_file_of_any_bytes_raises_only_input_error(data: bytes, prefix: bytes) -> None:
    with contextlib.suppress(InputError):
        list(stream_records(io.BytesIO(prefix + data)))  # type: ignore[arg-type]
