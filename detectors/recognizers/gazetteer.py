"""Gazetteers of given names, family names, places and common words, and lookups over a parsed text.

The NER recognizer (ner.py) uses them twice: to score and relabel spaCy's entities, and to find names
and places spaCy missed, which on social-media text are mostly written in lower case or capitals,
after a greeting ("thanks Hendo"), or as a hashtag (#Kashmir). Lookups are set membership over a
token view built once per text, so they cost a few microseconds per token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.attrs import IDX, IS_ALPHA, LENGTH, SPACY
from spacy.tokens import Doc

from detectors.lexicon import read_terms

MAX_PLACE_TOKENS = 4
"""Longest place name looked up, in tokens ("new south wales", "rio de janeiro")."""

PERSON_CUES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "uncle", "aunt", "auntie", "grandma", "grandpa", "cousin",
    "hi", "hey", "hello", "thanks", "thank", "bye", "dear", "congrats", "congratulations", "poor", "love",
})
"""Words after which a capitalised word is most likely a name ("Thanks Hendo", "Poor Jimmy", "Mrs Smith")."""

PLACE_CUES = frozenset({"in", "from", "to", "near", "at", "visiting", "around"})
"""Words after which a place that is also a given name ("in sydney", "from jackson") is taken as the place."""

_URLISH = re.compile(r"https?:|www\.|\.(?:com|co|org|net|ly|io|uk)\b|/", re.IGNORECASE)
_RETWEET = frozenset({"rt", "via"})
_CAMEL = re.compile(r"[A-Z][a-z]+|[a-z]+")
_SENTENCE_END = frozenset({".", "!", "?", "…", ":", '"', "“", "(", "-", "*"})


@dataclass(frozen=True, slots=True)
class Lexicons:
    given_names: dict[str, str]
    """Lower-cased given name → "-" (only a name) or "word" (also a common word or a month: will, april)."""
    places: dict[str, str]
    """Lower-cased place → "-" (only a place), "word" or "given" (also a common word / a given name)."""
    place_lengths: dict[str, int]
    """First word of a place → most tokens a place starting with it can have (bounds the n-gram lookup)."""
    state_codes: frozenset[str]
    """US state postal codes in capitals (NY, TX); trusted only when written in capitals."""
    surnames: frozenset[str]
    common_words: frozenset[str]
    shorthand: frozenset[str]
    """Platform shorthand (RT, MT, ICYMI) and month and weekday abbreviations: never a name or a place."""
    trailing_verbs: frozenset[str]
    """Verbs spaCy folds into the end of a title-cased name ("Jimmy Fallon Makes"): trimmed off."""
    openers: frozenset[str]
    """Every lower-cased token a lookup of `gazetteer_hits` can start on: the first words of places, given
    names, state codes and '#'. Other tokens are only looked at after a cue word."""


@cache
def lexicons() -> Lexicons:
    """The gazetteers in detectors/data/, read once per process."""
    places: dict[str, str] = {}
    lengths: dict[str, int] = {}
    codes: set[str] = set()
    for line in read_terms("places.tsv"):
        name, kind, clash = line.split("\t")
        if kind == "code":
            codes.add(name.upper())
            continue
        places[name] = clash
        words = re.findall(r"\w+|[^\w\s]", name)
        lengths[words[0]] = min(MAX_PLACE_TOKENS, max(lengths.get(words[0], 0), len(words)))
    given_names = dict(line.split("\t") for line in read_terms("given_names.tsv"))
    return Lexicons(
        given_names=given_names,
        places=places,
        place_lengths=lengths,
        state_codes=frozenset(codes),
        surnames=frozenset(read_terms("surnames.txt")),
        common_words=frozenset(read_terms("common_words.txt")),
        shorthand=frozenset(read_terms("platform_shorthand.txt")),
        trailing_verbs=frozenset(read_terms("name_trailing_verbs.txt")),
        openers=frozenset({*lengths, *(name for name, clash in given_names.items() if clash == "-"),
                           *(code.lower() for code in codes), "#"}),
    )


def _symbolic_junk(word: str) -> bool:
    """A token with a character that is no letter or digit that is never part of a name: a handle, a
    hashtag, a link, an emoji or a symbol."""
    return ("@" in word or word[:1] == "#" or _URLISH.search(word) is not None
            or _no_letter_or_punctuation(word))


@lru_cache(maxsize=4096)
def _no_letter_or_punctuation(word: str) -> bool:
    """An emoji or a symbol: no letter, digit or punctuation mark. Remembered: the same few recur."""
    return not any(char.isalnum() or unicodedata.category(char).startswith("P") for char in word)


@dataclass(frozen=True, slots=True)
class Tokens:
    """The per-token facts the recognizer needs, read from the spaCy Doc once (indexing a Doc is slow)."""

    text: str
    lower_text: str
    words: list[str]
    lower: list[str]
    start: list[int]
    space: list[bool]
    """Whether whitespace follows the token."""
    alpha: list[bool]
    junk: list[bool]
    """A link, handle, hashtag word, retweet marker, emoji or symbol: never part of a name, and a name
    is split where one sits inside it. (Punctuation is only trimmed from a name's edges.)"""

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> Tokens:
        """The view of a doc; pass its text if at hand: `doc.text` joins every token, a third of the cost."""
        text = doc.text if text is None else text
        if not len(doc):
            return cls(text, text.lower(), [], [], [], [], [], [])
        columns = doc.to_array([IDX, LENGTH, IS_ALPHA, SPACY]).T.tolist()
        starts, lengths = columns[0], columns[1]
        words = [text[start : start + length] for start, length in zip(starts, lengths, strict=True)]
        space = list(map(bool, columns[3]))
        lower = list(map(str.lower, words))
        junk = [folded in _RETWEET if word.isalnum() else _symbolic_junk(word)
                for word, folded in zip(words, lower, strict=True)]
        if "#" in text:  # the word of a hashtag the tokenizer split off its '#'
            for index in range(len(words) - 1):
                if words[index] == "#" and not space[index]:
                    junk[index + 1] = True
        return cls(text, text.lower(), words, lower, starts, space, list(map(bool, columns[2])), junk)

    def __len__(self) -> int:
        return len(self.words)

    def end(self, index: int) -> int:
        return self.start[index] + len(self.words[index])

    def key(self, first: int, last: int) -> str:
        """The lower-cased text of tokens first..last-1, as written (spaces, hyphens and all)."""
        return self.lower_text[self.start[first] : self.end(last - 1)]

    def starts_sentence(self, index: int) -> bool:
        """Whether the token begins a sentence or follows junk, where a capital letter says nothing."""
        if index == 0:
            return True
        previous = self.words[index - 1]
        return previous in _SENTENCE_END or previous[-1:] in ".!?" or self.junk[index - 1]

    def whole_word(self, index: int) -> bool:
        """Not a piece of a word the tokenizer split ("gon|na", "ai|n't")."""
        before = index == 0 or self.space[index - 1] or not self.alpha[index - 1]
        after = self.space[index] or index + 1 == len(self) or not self.alpha[index + 1]
        clitic = index + 1 < len(self) and self.words[index + 1][:1] in "'’"
        return before and after and not clitic


def shape(words: list[str]) -> str:
    """'upper', 'lower', 'title' or 'mixed'."""
    if all(map(str.isupper, words)):
        return "upper"
    if all(map(str.islower, words)):
        return "lower"
    if all(word[:1].isupper() for word in words):
        return "title"
    return "mixed"


def casing(tokens: Tokens) -> str:
    """'lower', 'upper' or 'mixed': how the words of a whole text are written."""
    words = [
        word
        for word, alpha, junk in zip(tokens.words, tokens.alpha, tokens.junk, strict=True)
        if alpha and not junk and len(word) > 1
    ]
    if len(words) < 3:
        return "mixed"
    if sum(map(str.islower, words)) >= 0.9 * len(words):
        return "lower"
    if sum(map(str.isupper, words)) >= 0.8 * len(words):
        return "upper"
    return "mixed"


@dataclass(frozen=True, slots=True)
class Hit:
    entity: str
    start: int
    end: int
    score: float
    reason: str


def place_at(tokens: Tokens, index: int, lex: Lexicons) -> Hit | None:
    """The longest place starting at token `index` that is not also a word, or a name after "in", "from"..."""
    longest = lex.place_lengths.get(tokens.lower[index], 0)
    after_preposition = index > 0 and tokens.lower[index - 1] in PLACE_CUES
    for length in range(min(longest, len(tokens) - index), 0, -1):
        clash = lex.places.get(tokens.key(index, index + length))
        if clash == "-" or (clash == "given" and after_preposition):
            written = shape(tokens.words[index : index + length])
            score = (0.75 if written == "title" else 0.6) if clash == "-" else 0.55
            if length == 1 and tokens.lower[index] in lex.surnames:
                score = 0.5
            end = tokens.end(index + length - 1)
            return Hit("LOCATION", tokens.start[index], end, score, f"gazetteer place ({written})")
    return None


def hashtag_hit(tokens: Tokens, hash_index: int, lex: Lexicons) -> Hit | None:
    """A hashtag naming a place (#Kashmir, #NewHaven) or a person by full name (#AlanSmith)."""
    tag = tokens.words[hash_index + 1]
    words = [word.lower() for word in _CAMEL.findall(tag)]
    if not words or "".join(words) != tag.lower():
        return None
    start, end = tokens.start[hash_index], tokens.end(hash_index + 1)
    if lex.places.get(" ".join(words)) == "-":
        return Hit("LOCATION", start, end, 0.6, "hashtag naming a place")
    if 2 <= len(words) <= 3 and lex.given_names.get(words[0]) == "-" and words[-1] in lex.surnames:
        return Hit("PERSON", start, end, 0.55, "hashtag of a given and a family name")
    return None


def cued_name(tokens: Tokens, index: int, lex: Lexicons) -> Hit | None:
    """A capitalised word after a greeting or title ("Thanks Hendo", "Mrs Smith"), and a surname after it."""
    word, lower = tokens.words[index], tokens.lower[index]
    if index == 0 or tokens.lower[index - 1].rstrip(".") not in PERSON_CUES or not word.istitle():
        return None
    if lower in lex.common_words or lower in lex.places or lower in lex.shorthand:
        return None
    last = index + 1
    if (last < len(tokens) and tokens.words[last].istitle() and tokens.lower[last] not in lex.common_words
            and tokens.lower[last] not in lex.shorthand):
        last += 1
    cue = tokens.words[index - 1]
    return Hit("PERSON", tokens.start[index], tokens.end(last - 1), 0.6, f"capitalised word after '{cue}'")


def gazetteer_hits(tokens: Tokens, lex: Lexicons, all_caps_text: bool | None = None) -> Iterator[Hit]:
    """Places, state codes, cued names and given names found without spaCy (`all_caps_text`: whether
    casing(tokens) is "upper", if the caller knows)."""
    if all_caps_text is None:
        all_caps_text = casing(tokens) == "upper"
    for index in _worth_looking_at(tokens, lex):
        word, lower = tokens.words[index], tokens.lower[index]
        if word == "#" and not tokens.space[index] and index + 1 < len(tokens) and tokens.alpha[index + 1]:
            hashtag = hashtag_hit(tokens, index, lex)
            if hashtag is not None:
                yield hashtag
            continue
        if not tokens.alpha[index] or tokens.junk[index] or lower in lex.shorthand:
            continue
        place = place_at(tokens, index, lex) if lower in lex.place_lengths else None
        if place is not None:
            yield place
        elif word in lex.state_codes and not all_caps_text:
            yield Hit("LOCATION", tokens.start[index], tokens.end(index), 0.6, "US state code")
        cued = cued_name(tokens, index, lex) if _after_cue(tokens, index) else None
        if cued is not None:
            yield cued
        if lex.given_names.get(lower) == "-" and lower not in lex.places and tokens.whole_word(index):
            written = shape([word])
            if (written == "title" and len(lower) >= 3) or len(lower) >= 4:
                score = 0.6 if written == "title" else 0.5
                end = tokens.end(index)
                yield Hit("PERSON", tokens.start[index], end, score, f"gazetteer given name ({written})")


def _after_cue(tokens: Tokens, index: int) -> bool:
    """cued_name's first test: the token before is a cue word ("Mrs", "thanks")."""
    return index > 0 and tokens.lower[index - 1].rstrip(".") in PERSON_CUES


def _worth_looking_at(tokens: Tokens, lex: Lexicons) -> list[int]:
    """The tokens `gazetteer_hits` can find something at, in order: those a lookup starts on, and those
    after a cue word. Most tokens of a text are neither, and cost one set lookup here instead of the
    several the loop makes."""
    lower = tokens.lower
    indices = [index for index, word in enumerate(lower) if word in lex.openers]
    cued = [index + 1 for index, word in enumerate(lower[:-1])
            if word in PERSON_CUES or (word[-1:] == "." and word.rstrip(".") in PERSON_CUES)]
    return sorted({*indices, *cued}) if cued else indices
