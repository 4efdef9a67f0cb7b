"""Street addresses and postal codes, which Presidio has no recognizer for (its issues #42, #752).

A street address is a house number and a street name carrying a street word: number first in English
("1427 Alder Street", "221B Baker Street"), street first elsewhere ("Hauptstraße 5", "Koskikatu 25",
"Via Tasso 129", "12 rue de la Paix"), or a post-office or military box ("PO Box 287", "PSC 7589, Box
0572, APO AE 20040"). A following unit ("Apt 4B", "Suite 170") and a same-line "City, ST 97205",
"London NW1 6XE" or "10115 Berlin" belong to the span; city and country lines on their own are left to
the name recognizer as LOCATION. Street-name words must be capitalised, so "5 minutes down the road" is
no address.

A postal code on its own counts when its shape is distinctive (UK "NW1 6XE", Canadian "K1A 0B1") or
when a word such as "zip" or "postcode" comes just before it ("ZIP: 97205", "my zip code is 35350").
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult

from detectors.recognizers.base import ContextualRecognizer, Searchable, WordGated, words_pattern

_CAP = r"(?-i:[\p{Lu}][\p{L}'’.-]*+)"
"""A capitalised word (case-sensitive although Presidio compiles patterns case-insensitively)."""
_NAME_WORD = rf"(?:{_CAP}|\d{{1,3}}(?:st|nd|rd|th))"
_STREET_TYPES = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|terrace|ter|way|"
    r"circle|cir|highway|hwy|parkway|pkwy|square|sq|trail|trl|crescent|cres|close|grove|gardens|mews|row|walk|"
    r"plaza|alley|loop|pike|path|heights|hts|summit|pass|crossing|xing|estates?|green|ridge|view|vista|"
    r"park|point|run|glen|hollow|meadows?|springs?|commons?|harbor|harbour|landing|manor|villas?|forges?|"
    r"squares|streets|roads|causeway|quay|wharf|embankment"
)
_EU_SUFFIXES = (
    r"straße|strasse|str\.|gasse|weg|allee|platz|damm|ufer|chaussee|katu|tie|kuja|polku|raitti|väylä|"
    r"vej|gade|gata|gatan|vägen|väg|veien|vegen|veg|stien|straat|laan|gracht|plein|dijk|kade|singel|"
    r"utca|út|körút|tér|ulica|aleja|cesta|ulice|tänav|iela|gatvė|bulvár|náměstí"
)
_STREET_AFTER_NAME = (
    r"u\.|utca|út|útja|tér|tere|körút|köz|sor|kapu|sétány|ulica|terrasse|allé|gate|vei|veien|vegen|gata|gatan|"
    r"vägen|väg|gade|vej|straat|laan|weg|strasse|straße|gasse|platz|katu|tie|kuja|tänav|iela"
)
"""Street words written in lower case after a capitalised name ("Király u. 15.", "Stensås terrasse 38")."""
_STREET_FIRST_PATTERN = "street word first, street name, house number"
_STREET_FIRST = (
    r"via|viale|vicolo|piazza|corso|largo|rua|travessa|avenida|avda\.|calle|carrer|paseo|plaza|praça|"
    r"ul\.|ulica|al\.|rue|chemin|allée|boulevard|bd|impasse|place|quai|route"
)
_UNIT = r"(?:apt\.?|apartment|suite|ste\.?|unit|flat|room|rm\.?|floor|fl\.)\s*#?\s*\d{1,5}[a-z]?"
_HOUSE = r"\d{1,5}[a-z]?(?:[-/]\d{1,4}[a-z]?)?"
_UK_POSTCODE = r"(?-i:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
_CA_POSTCODE = r"(?-i:[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s?\d(?-i:[ABCEGHJ-NPRSTV-Z])\d"
_CITY = rf"{_CAP}(?:[ -]{_CAP}){{0,2}}"
_TAIL = (
    rf"(?:,?\s*(?:>[ \t]*)?{_UNIT})?"
    rf"(?:,[ \t]*{_CITY},?[ \t]+(?:(?-i:[A-Z]{{2}})[ \t]+\d{{5}}(?:-\d{{4}})?|{_UK_POSTCODE}|{_CA_POSTCODE})"
    rf"|,[ \t]*\d{{4,5}}[ \t]+{_CITY})?"
)
_START = r"(?<![\w.,/-])"
_ADDRESS_WORDS = (
    r"(?<!\w)(?:address|lives?|living|located|moved|sent|send|ship(?:ped)?|deliver(?:ed)?|office|(?:is|are)\s+at|meet|stop|"
    r"drops?\s+(?:you\s+)?off)\s*(?:(?:is|at|on|in|to)\s+|:\s*)*"
)
"""Words that must come just before a street with no street word ("lives at", "address:"); trimmed off."""
_ADDRESS_WORDS_PREFIX = re.compile(_ADDRESS_WORDS, re.IGNORECASE)
_FULL_STOP_AFTER_WORD = re.compile(r"[^\W\d_]{5,}\.$")
_END = r"(?![\w-])"

STREET_WORDS = ("address", "live", "lives", "living", "located", "moved", "home", "house", "ship", "deliver",
                "send", "mail", "apartment", "street", "visit", "office")


class WordBeforeNumber:
    """`(?:words)[ \\t]+\\d` (case-insensitive), searched from the numbers back: the same answer as the
    regex, which tries every word at every position of the text (tens of microseconds a tweet)."""

    def __init__(self, words: str) -> None:
        self.longest = max(len(re.sub(r"\\(.)", r"\1", word)) for word in words.split("|"))
        self.word_at_end = re.compile(rf"(?:{words})\Z", re.IGNORECASE)

    def search(self, string: str) -> re.Match[str] | None:
        for number in _SPACES_THEN_DIGIT.finditer(string):
            found = self.word_at_end.search(string, max(0, number.start() - self.longest), number.start())
            if found is not None:
                return found
        return None


_SPACES_THEN_DIGIT = re.compile(r"[ \t]+\d")


class StreetAddressRecognizer(ContextualRecognizer):
    ENTITY = "STREET_ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "house number, street name, street word",
            rf"{_START}(?:\d{{1,5}}[ \t]+)?{_HOUSE},?\s+(?:{_NAME_WORD}\s+){{1,4}}?(?:{_STREET_TYPES})\.?"
            rf"{_END}{_TAIL}",
            0.6,
        ),
        Pattern(
            "street name with a street ending, house number",
            rf"{_START}(?:{_HOUSE}\s+)?(?:{_CAP}[ -](?-i:\p{{Lu}})\p{{L}}*+(?<=(?:{_EU_SUFFIXES}))"
            rf"|(?-i:\p{{Lu}})\p{{L}}++(?<=\p{{L}}{{3}}(?:{_EU_SUFFIXES})))[ \t]+{_HOUSE}{_END}{_TAIL}",
            0.6,
        ),
        Pattern(
            "street name, lower-case street word, house number",
            rf"{_START}(?:{_HOUSE}\s+)?{_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]+(?-i:(?:{_STREET_AFTER_NAME}))"
            rf"[ \t]+{_HOUSE}\.?{_END}{_TAIL}",
            0.6,
        ),
        Pattern(
            _STREET_FIRST_PATTERN,
            rf"{_START}(?:{_HOUSE},?\s+)?(?:{_STREET_FIRST})\s+(?:(?:de|da|do|dos|das|del|della|di|la|le|les|du|des)\s+)*"
            rf"(?:{_CAP}\s+){{0,3}}?{_CAP}(?:\s+{_HOUSE})?{_END}{_TAIL}",
            0.5,
        ),
        Pattern(
            "street name between house numbers, after an address word",
            rf"{_ADDRESS_WORDS}(?:{_HOUSE}[ \t]+)?{_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]+{_HOUSE}\.?{_END}"
            rf"{_TAIL}",
            0.5,
        ),
        Pattern(
            "street name and house number followed by a unit",
            rf"{_START}(?:{_HOUSE}[ \t]+)?{_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]+{_HOUSE}\.?,?\s*{_UNIT}{_END}"
            rf"{_TAIL}",
            0.6,
        ),
        Pattern(
            "post-office box",
            rf"{_START}(?:p\.?\s?o\.?\s?box|post\s+office\s+box|postbox|postfach|po\s+box)\s+\d{{1,6}}{_END}{_TAIL}",
            0.7,
        ),
        Pattern(
            "military mail address",
            r"(?<![\w-])(?:(?-i:PSC|CMR|Unit)\s+\d{3,5},?\s+(?-i:Box)\s+\d{3,5}|(?-i:USNS|USS|USCGC)\s+\p{Lu}\p{L}+)"
            r"\s*(?:\n\s*)?(?-i:APO|FPO|DPO)\s+(?-i:AA|AE|AP)\s+\d{5}(?!\d)",
            0.8,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = list(STREET_WORDS)
    MERGE_OVERLAPS = True
    PATTERN_GATES: ClassVar[dict[str, Searchable]] = {
        "street name with a street ending, house number": WordBeforeNumber(_EU_SUFFIXES),
        "street name, lower-case street word, house number": re.compile(
            rf"[ \t](?:{_STREET_AFTER_NAME})[ \t]+\d"
        ),
        _STREET_FIRST_PATTERN: WordGated(re.compile(rf"(?<!\w)(?:{_STREET_FIRST})\s", re.I)),
        "street name between house numbers, after an address word":
            WordGated(re.compile(_ADDRESS_WORDS, re.I)),
        "street name and house number followed by a unit": re.compile(_UNIT, re.I),
    }
    REASON = "street address"

    def refine(self, text: str, result: RecognizerResult) -> RecognizerResult | None:
        """Trim the address words some patterns need ("lives at") and a sentence's full stop.

        A street-first name needs a house number too: "Via Tumblr" and "Rue Bourbon" are no addresses.
        """
        pattern = result.analysis_explanation.pattern_name if result.analysis_explanation else ""
        numbered = any(char.isdigit() for char in text[result.start : result.end])
        if pattern == _STREET_FIRST_PATTERN and not numbered:
            return None
        prefix = _ADDRESS_WORDS_PREFIX.match(text, result.start, result.end)
        if prefix is not None and prefix.end() < result.end:
            result.start = prefix.end()
        if _FULL_STOP_AFTER_WORD.search(text, result.start, result.end):
            result.end -= 1
        return result
    GATE = re.compile(r"\d", re.IGNORECASE)


_POSTAL_WORDS = words_pattern(
    ("zip", "zip code", "zipcode", "postal", "postal code", "postcode", "post code", "plz", "cap",
     "code postal", "código postal", "postnummer", "postinumero")
)
_POSTAL_WORD = WordGated(_POSTAL_WORDS)
_CAPITAL_THEN_DIGIT = re.compile(r"[A-Z]\d")


class PostalCodeRecognizer(ContextualRecognizer):
    ENTITY = "POSTAL_CODE"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("UK postcode", rf"(?<![\w-]){_UK_POSTCODE}(?![\w-])", 0.5),
        Pattern("Canadian postal code", rf"(?<![\w-]){_CA_POSTCODE}(?![\w-])", 0.6),
        Pattern(
            "number after a postal-code word",
            r"(?<![\w-])\d{3,5}(?:[- ]\d{2,4})?(?:[ \t]?(?-i:[A-Z]{2}))?(?![\w-])",
            0.6,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["zip", "postal", "postcode", "post code"]
    REQUIRED_CONTEXT = _POSTAL_WORDS
    NEEDS_CONTEXT = frozenset({"number after a postal-code word"})
    BEFORE = 24
    AFTER = 0
    REASON = "postal code"
    GATE = re.compile(r"\d", re.IGNORECASE)

    def might_match(self, text: str) -> bool:
        """A digit, and a capital letter right before one (every UK and Canadian postcode holds one) or a
        postal-code word (what a bare number needs): most texts with digits have neither."""
        return super().might_match(text) and (
            _CAPITAL_THEN_DIGIT.search(text) is not None or _POSTAL_WORD.search(text) is not None)
