"""Each document's language: what the export says, else an offline identifier; decides which detectors run.

The name, place and organisation model and our lexicons are English: run over German or Danish they
turn common words into people and places. So English text gets every detector, and text in another
language only the language-independent ones (patterns such as emails, phones and identifiers, stated
fields, handles, coordinates). The export's own field wins (X's `lang`, Mastodon's `language`,
Bluesky's `langs`); without one, py3langid (a pure-Python naive Bayes model shipped in its wheel,
nothing downloaded) names the language, unless two common English words settle it first. Short texts
are where identification guesses: below `MIN_LETTERS` letters, or when the identifier is unsure (its top
language under `MIN_TOP`, or English above 1 - `MIN_CONFIDENCE`), a text is read as English, which is
what every text was before languages were told apart.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

ENGLISH = "en"
MIN_LETTERS = 40
"""Fewer letters than this (after links, handles and hashtags are removed) is too little to identify."""
MIN_CONFIDENCE = 0.9
"""How sure the identifier must be that a text is not English (normalised probability) to read it so.

Sureness that it is not English, not that it is the top language: Danish and Norwegian share most words,
so a Danish text may be 80% Danish and 20% Norwegian, yet surely not English."""
MIN_TOP = 0.5
"""And the top language must hold at least this much: on slang and all-caps English the identifier spreads
its guess thinly over many languages (Somali 0.21, Oromo 0.12, English 0.10 for a shouted "ROOOAAAD")."""
READ_AS_ENGLISH = frozenset({ENGLISH, "pcm"})
"""Nigerian Pidgin is English-based, and the identifier's usual guess for terse English headlines."""
STATED_KEYS: tuple[str, ...] = ("language", "lang", "langs")
"""Metadata keys readers and crawlers copy the export's language field into (langs: comma-separated)."""
_UNDETERMINED = frozenset({"und", "zxx", "mul", "mis"})
_PRIVATE_USE = re.compile(r"^q[a-t][a-z]$")
"""X's pseudo-languages (qme media only, qht hashtags only, qam mentions only, ...) are no language."""
_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|(?<!\S)\S+@\S+")
"""Links, handles, tags and addresses: not words of any language. An address is matched only from the start
of its run of non-spaces: tried from every position of a long run without an '@' (200 KB of '[' in a
file) it cost time quadratic in the run (85 s). Where the run starts, the leftmost match started anyway,
except right after a tag or handle glued to it ('#tag,jo@x.org' now leaves ',jo@x.org' as words)."""
_LETTER = re.compile(r"[^\W\d_]")
LETTER_WINDOW = 4 * MIN_LETTERS
WORDS_LISTED = 1_000
"""Texts up to this long have their words listed at once to find common English ones (see
`_plainly_english`)."""
_WORD = re.compile(r"[a-z']+")
ENGLISH_WORDS = frozenset({
    "the", "and", "you", "your", "with", "this", "that", "of", "have", "what", "just", "are", "they",
    "our", "it's", "i'm", "don't", "been", "would", "about", "their", "there", "because", "can't",
    "when", "who", "how", "why", "which", "were", "these", "those", "them", "than", "some", "she", "his",
    "could", "should", "know", "think", "really", "want", "people", "today", "tonight", "tomorrow", "get",
    "got", "but", "like", "out", "up", "from", "good", "new", "night", "before", "after", "next", "going",
    "one", "now", "it", "us", "day", "year", "years",
})
"""Common English words no other language writes alike (German 'was' and 'will', Dutch 'is' and 'we',
Danish 'for' and 'her', Italian 'come', Polish 'to' and 'my' are left out, and loanwords such as 'love'):
two of them make a text English without asking the model, as most English posts are. On the 5,403
WNUT-17 and BTC tweets the second half of the list cut the texts the model reads from 1,439 to 562,
and changed no text's language (the model costs about half a millisecond a text). Weekday names and
'love' were tried and left out: a Spanish tweet quoting the song "Saturday I'm In Love" read as English."""


class Basis(StrEnum):
    """How a document's language was decided, for tests and benchmarks to tell the rules apart."""

    EXPORT = "stated by the export"
    IDENTIFIED = "identified"
    SHORT = "too short to identify, read as English"
    UNSURE = "not identified with confidence, read as English"


@dataclass(frozen=True, slots=True)
class LanguageCall:
    code: str
    """Lower-case primary language subtag: 'en', 'de', 'da'."""
    basis: Basis

    @property
    def english(self) -> bool:
        return self.code == ENGLISH


def _primary(tag: str) -> str | None:
    code = tag.strip().lower().replace("_", "-").split("-")[0]
    if not code.isalpha() or code in _UNDETERMINED or _PRIVATE_USE.match(code):
        return None
    return code


def stated_language(metadata: Mapping[str, str]) -> str | None:
    """The language the export states for a document; English when it lists English among several."""
    for key in STATED_KEYS:
        value = metadata.get(key)
        if not isinstance(value, str):
            continue
        codes = [code for tag in value.split(",") if (code := _primary(tag))]
        if codes:
            return ENGLISH if ENGLISH in codes else codes[0]
    return None


_LOADING = threading.Lock()
_MODEL: list[Any] = []


def _identifier() -> Any:
    """py3langid's model, loaded on first use (about 3 s: it is xz-compressed) and kept for the process."""
    with _LOADING:
        if not _MODEL:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _MODEL.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _MODEL[0]


def _words(text: str) -> str:
    return _NOT_WORDS.sub(" ", text)


def _identifiable(words: str) -> bool:
    """At least MIN_LETTERS letters: listed in the first LETTER_WINDOW characters (a tweet's all), then
    counted one by one until there are enough (a long text is not listed whole)."""
    if len(words) < MIN_LETTERS:
        return False
    found = len(_LETTER.findall(words, 0, LETTER_WINDOW))
    if found >= MIN_LETTERS or len(words) <= LETTER_WINDOW:
        return found >= MIN_LETTERS
    more = _LETTER.finditer(words, LETTER_WINDOW)
    return next(itertools.islice(more, MIN_LETTERS - found - 1, None), None) is not None


def _plainly_english(words: str) -> bool:
    """Two distinct common English words: a short text's words listed at once, a long one's read until
    they are found, so it costs no word list."""
    lowered = words.lower()
    if len(lowered) <= WORDS_LISTED:
        return len(ENGLISH_WORDS.intersection(_WORD.findall(lowered))) >= 2
    seen: set[str] = set()
    for match in _WORD.finditer(lowered):
        if match.group() in ENGLISH_WORDS:
            seen.add(match.group())
            if len(seen) >= 2:
                return True
    return False


def _needs_model(text: str) -> bool:
    words = _words(text)
    return _identifiable(words) and not _plainly_english(words)


def prefetch(documents: Iterable[tuple[str, Mapping[str, str]]]) -> None:
    """Start loading the identifier in a thread if any of these (text, metadata) pairs will need it.

    Decompressing the model releases the GIL, so it overlaps with loading spaCy instead of adding to
    the time to the first finding.
    """
    if _MODEL or _LOADING.locked():
        return
    if any(stated_language(metadata) is None and _needs_model(text) for text, metadata in documents):
        threading.Thread(target=_identifier, name="language-model", daemon=True).start()


def identify(text: str) -> LanguageCall:
    """The language of a text no export field speaks for."""
    words = _words(text)
    if not _identifiable(words):
        return LanguageCall(ENGLISH, Basis.SHORT)
    if _plainly_english(words):
        return LanguageCall(ENGLISH, Basis.IDENTIFIED)
    ranked = _identifier().rank(words)
    code, top = str(ranked[0][0]), float(ranked[0][1])
    if code in READ_AS_ENGLISH:
        return LanguageCall(ENGLISH, Basis.IDENTIFIED)
    if top < MIN_TOP or dict(ranked).get(ENGLISH, 0.0) > 1 - MIN_CONFIDENCE:
        return LanguageCall(ENGLISH, Basis.UNSURE)
    return LanguageCall(code, Basis.IDENTIFIED)


def language_of(text: str, metadata: Mapping[str, str]) -> LanguageCall:
    """A document's language: the export's field, else identified from its text."""
    stated = stated_language(metadata)
    return LanguageCall(stated, Basis.EXPORT) if stated else identify(text)


def detectors_for(code: str) -> str:
    """The detectors a document in this language gets, in words, for the summary."""
    return "all detectors" if code == ENGLISH else "language-independent detectors"
