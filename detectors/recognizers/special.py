"""GDPR Art. 9 special categories said of a person: religion, politics, sexuality, gender, ethnicity, unions.

A word like "Muslim", "Labour" or "gay" is sensitive only when it is said of someone: "as a practising
Muslim", "I voted Labour", "my brother is gay", not "the Muslim world" or "Union Station". So every
pattern here is a frame: a cue saying who is described, then a term from a lexicon in `detectors/data/`.
The span reported is the term; the frame decides the score and whether it is the writer themself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.gatewords import gate_words
from detectors.lexicon import RegexSource, compiled, read_terms, terms_pattern
from detectors.subject import Subject
from detectors.wholewords import opens_a_word
from detectors.wordstarts import may_match, needed_words

SELF_SCORE = 0.75
OTHER_SCORE = 0.6
PRONOUN_SCORE = 0.5

_I_AM = (r"(?:I\s*['’]?\s*m|I\s+am|I\s+was|I['’]ve\s+been|I\s+have\s+been|I\s+became|I\s+identify\s+as|"
         r"I\s+consider\s+myself|identifying\s+as|we['’]re|we\s+are)")
_AS_A = r"(?:as|being)\s+(?:a|an)"
_KIN = (r"(?:wife|husband|partner|boyfriend|girlfriend|mum|mom|mother|dad|father|son|daughter|kid|child|"
        r"brother|sister|sibling|grandma|grandmother|grandad|grandpa|grandfather|aunt|uncle|cousin|niece|"
        r"nephew|friend|best\s+friend|flatmate|roommate|colleague|coworker|co-worker|boss|neighbou?r|fianc[ée]e?|"
        r"spouse|parents|family|in-laws)")
_MY_KIN_IS = rf"(?:my|our)\s+{_KIN}(?:\s+\w+)?\s+(?:is|was|['’]s|are|were|became|identifies\s+as)"
_PRONOUN_IS = r"(?:he|she)\s*(?:['’]s|\s+is|\s+was)"
_MODIFIER_WORDS = (r"(?:proud|proudly|practising|practicing|devout|observant|lifelong|life-long|born-again|"
                   r"committed|card-carrying|openly|out|lapsed|non-practising|non-practicing|former|ex|recovering|"
                   r"fellow|cradle|closeted|very|so|pretty|fairly|quite|also|still|now|actually|totally|half|"
                   r"politically|staunch|strict|secular|young|old|single|working-class|disabled)")
_MODIFIERS = rf"(?:[\s\-]+{_MODIFIER_WORDS})*"
_ARTICLE = r"(?:\s+(?:a|an))?"
_END = r"(?![\w\-])"
_PERSON_NOUN = (r"(?:woman|women|man|men|person|people|girl|girls|guy|guys|boy|boys|kid|kids|teen|teenager|"
                r"mum|mom|dad|mother|father|parent|wife|husband|student|nurse|doctor|teacher|worker|writer|"
                r"founder|immigrant|voter|member|supporter|activist|household|family|child|daughter|son)")
_NOT_A_PERSON = re.compile(
    r"\s+(?:country|countries|nation|state|world|school|charity|organi[sz]ation|company|business|band|song|album|"
    r"movie|film|book|website|site|holiday|festival|tradition|newspaper|government|city|restaurant|food|"
    r"cuisine|art|music|history|name|channel|show|podcast|fats?|station|bar|club)\b",
    re.IGNORECASE,
)
"""A noun after the term that makes it a topic ("as a Christian charity"), not a person."""


@dataclass(frozen=True, slots=True)
class Frame:
    """One way of saying something about a person: a cue, then the term that gets reported."""

    name: str
    source: str
    """Regex source of the whole frame, with the term as group `term`."""
    term: str
    """Regex source of the reported term; every match of `pattern` holds a match of it as a whole word (no
    letter, digit or underscore right before or after it: what `GATE` relies on)."""
    score: float
    first_person: bool
    subject: str | None = None
    """Whose attribute the frame says it is, when the frame alone decides (see `_subject`)."""
    cue: str | None = None
    """Regex source of the cue every match starts with (see `_cue_words`)."""

    @property
    def pattern(self) -> re.Pattern[str]:
        """The frame compiled on first use: most processes meet the terms of few frames, and compiling
        all of them at import cost seconds of start-up."""
        return compiled(RegexSource(self.source))


def _terms(*files: str, case_sensitive: bool = False) -> str:
    body = terms_pattern([term for name in files for term in read_terms(name)], case_sensitive=case_sensitive)
    return body if case_sensitive else f"(?i:{body})"


def _frame(name: str, cue: str, term: str, score: float, *, first_person: bool, after: str = _END,
           subject: str | None = None) -> Frame:
    """The cue (any case), spaces, the term as group `term`, then what must follow it."""
    return Frame(name, rf"(?i:{cue})[\s\-]+(?P<term>{term}){after}", term, score, first_person, subject, cue)


def _said_of(name: str, term: str, after: str, score: float, subject: str | None) -> Frame:
    """A term followed by what is said of it ("Trump is a liar", "God is good"): no cue before it."""
    return Frame(name, rf"(?<![\w@#])(?P<term>{term}){after}", term, score, False, subject)


def statements(terms: str) -> tuple[Frame, ...]:
    """The usual framings of an identity term: 'I'm (a) X', 'as a X', 'my sister is X', 'my X brother'."""
    return (
        _frame("first-person", rf"\b{_I_AM}{_ARTICLE}{_MODIFIERS}", terms, SELF_SCORE, first_person=True),
        _frame("as a", rf"\b{_AS_A}{_MODIFIERS}", terms, SELF_SCORE - 0.05, first_person=True),
        _frame("came out as", rf"\b(?:came|coming|come)\s+out\s+as{_ARTICLE}", terms, SELF_SCORE,
               first_person=True),
        _frame("about someone close", rf"\b{_MY_KIN_IS}{_ARTICLE}{_MODIFIERS}", terms, OTHER_SCORE,
               first_person=False),
        _frame("my X relative", rf"\b(?:my|our){_MODIFIERS}", terms, OTHER_SCORE, first_person=False,
               after=rf"{_END}(?=\s+(?i:{_KIN})\b)"),
        _frame("about him or her", rf"\b{_PRONOUN_IS}{_ARTICLE}{_MODIFIERS}", terms, PRONOUN_SCORE,
               first_person=False),
    )


class SpecialCategoryRecognizer(EntityRecognizer):
    """Terms of one special category, reported only inside a statement about a person."""

    ENTITY = "RELIGION"
    FRAMES: tuple[Frame, ...] = ()
    AMBIGUOUS: frozenset[str] = frozenset()
    """Terms with an everyday sense ("conservative", "black") that need an article, a capital or a
    person noun after them to count."""
    GATE: ClassVar[RegexSource] = RegexSource(r"(?!)")
    """Any of the frames' terms as a whole word: a text without one cannot match (see `might_match`);
    compiled on first use. Every frame puts a non-word character before its term (a cue and a space,
    or a look-behind) and one after it (`_END`, or a look-ahead for a space or punctuation), so the
    gate may ask for both: a term's letters opening a longer word no longer let a text through
    ('Christmas' to the religion frames, 'biggest' to the orientation ones, 'not' and 'now' to the
    political ones): on 5,403 tweets the six gates pass 515 texts instead of 1,707, with the same
    findings."""
    GATE_WORDS: ClassVar[frozenset[str] | None] = None
    """Words one of which every match of GATE holds (see `detectors.wordstarts`)."""

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        if cls.FRAMES:
            terms = dict.fromkeys(frame.term for frame in cls.FRAMES)
            cls.GATE = RegexSource(r"(?<!\w)(?:" + "|".join(f"(?:{term})" for term in terms) + r")(?!\w)")
            cls.GATE_WORDS = gate_words(cls.GATE)

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__, supported_language="en")
        self.name: str = type(self).__name__
        self._last_gate: tuple[str | None, bool] = (None, False)
        """The last text `might_match` was asked about, and its answer."""

    def load(self) -> None:
        """Frames are compiled on first use; nothing to load."""

    def compile_patterns(self) -> None:
        """Compile the gate and every frame now (0.4 s for all six recognizers), for a process about to
        read many texts, which would otherwise compile them in its middle (see
        `DetectionEngine.prepare_for_many_texts`)."""
        compiled(self.GATE)
        for frame in self.FRAMES:
            cue_gate(frame)
            frame.pattern  # noqa: B018  (compiled on first use)

    @property
    def gate_words(self) -> frozenset[str] | None:
        """Words one of which every text `might_match` lets through holds (see prefilter.gate_words)."""
        return self.GATE_WORDS

    def might_match(self, text: str) -> bool:
        """A cheap necessary condition the engine uses to skip texts that mention none of the terms: the
        gate's words first (a set lookup on words read once per text), then the gate itself. The answer
        for the last text is kept: `analyze` asks again about the text the engine has just let through."""
        last, answer = self._last_gate
        if last is not text:
            answer = may_match(text, self.GATE_WORDS) and self.GATE.search(text) is not None
            self._last_gate = (text, answer)
        return answer

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        if self.ENTITY not in entities or not self.might_match(text):
            return []
        best: dict[tuple[int, int], RecognizerResult] = {}
        for frame in self.FRAMES:
            if not may_match(text, cue_gate(frame)):
                continue
            for match in frame.pattern.finditer(text):
                start, end = match.span("term")
                if not self.counts(text, match, start, end):
                    continue
                result = self._result(frame, match, start, end)
                if (start, end) not in best or best[(start, end)].score < result.score:
                    best[(start, end)] = result
        return sorted(best.values(), key=lambda result: result.start)

    def counts(self, text: str, match: re.Match[str], start: int, end: int) -> bool:
        """False for the everyday sense of a term or a topic rather than a person."""
        if _NOT_A_PERSON.match(text, end):
            return False
        term = text[start:end]
        if term.lower() not in self.AMBIGUOUS:
            return True
        said_with_article = re.search(r"\b(?:a|an)\s+\S*\s*$", text[match.start():start]) is not None
        person_after = re.match(rf"[\s\-]+{_PERSON_NOUN}\b", text[end:], re.IGNORECASE) is not None
        return said_with_article or person_after or term[0].isupper()

    def _result(self, frame: Frame, match: re.Match[str], start: int, end: int) -> RecognizerResult:
        cue = _cue_words(match.group()[: start - match.start()]) or frame.name
        label = self.ENTITY.lower().replace("_", " ")
        reason = f"{label} '{match.group('term')}'; {frame.name} '{cue}'"
        return RecognizerResult(
            entity_type=self.ENTITY, start=start, end=end, score=frame.score,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=frame.score,
                                                     textual_explanation=reason),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "reason": reason,
                "first_person": frame.first_person,
                "subject": _subject(frame),
            },
        )


@cache
def cue_gate(frame: Frame) -> frozenset[str] | None:
    """Words one of which every match of the frame's cue holds (see `detectors.wordstarts`), when the cue
    starts at a word start: a text without one is not searched for the frame ("voted", "support",
    "brother" are in few texts, though the terms of most frames are in many). Read on first use."""
    if frame.cue is None or not opens_a_word(RegexSource(f"(?i:{frame.cue})")):
        return None
    return needed_words(RegexSource(rf"(?<![^\W_])(?i:{frame.cue})"))


_ABOUT_RELATIVES = frozenset({"about someone close", "my X relative"})


def _subject(frame: Frame) -> str | None:
    """Whose attribute the frame says it is; None leaves it to `detectors.subject` (a pronoun, a place)."""
    if frame.subject is not None:
        return frame.subject
    if frame.first_person:
        return Subject.SELF
    return Subject.RELATIVE if frame.name in _ABOUT_RELATIVES else None


_FUNCTION_WORDS = frozenset(("i", "i'm", "i’m", "im", "i've", "i’ve", "as", "being", "my", "our", "he", "she",
                             "he's", "she's", "he’s", "she’s", "we", "we're", "we’re"))


def _cue_words(cue: str) -> str:
    """The cue as quoted in a reason, without names it may hold ('my wife Sarah is' → 'my wife … is')."""
    words = [word if word.islower() or word.lower() in _FUNCTION_WORDS or not word[:1].isalpha() else "…"
             for word in cue.split()]
    return " ".join(words)


_RELIGION = _terms("religion_terms.txt")
_RELIGIONS = _terms("religions.txt")
_WORSHIP = (r"(?:church|mosque|masjid|synagogue|shul|temple|gurdwara|mandir|parish|congregation|chapel|"
            r"kingdom\s+hall)")
_GATHERING = (r"(?=\s+(?i:meeting|service|mass|worship|church|temple|mosque|synagogue|fellowship|prayers?|"
              r"retreat|youth\s+group|community|congregation|parish)\b)")


_DEITY = (r"(?:God|god|GOD|the\s+Lord|the\s+LORD|Lord|Jesus(?:\s+Christ)?|Christ|JC|Allah|Krishna|Jehovah|"
          r"the\s+Holy\s+Spirit)")
_DEVOTION = (r"\b(?:(?:I|we)\s+(?:[\w'’]+\s+)?(?:believe|trust|have\s+faith|"
             r"put\s+(?:my|our)\s+(?:faith|trust))\s+in|"
             r"love|praise|worship|serve|seek|follow|glorify|obey|fall\s+in\s+love\s+with|in\s+love\s+with|"
             r"rooted\s+in|walk(?:ing)?\s+with|stronger\s+with|strength\s+(?:in|from)|through|faith\s+in|"
             r"trust\s+in|love\s+of|grace\s+of|insult\w*|mock\w*|disrespect\w*)(?:\s+(?:my|our|your|the))?")
"""Words that make a deity the object of someone's devotion ("I believe in God", "love the Lord your God"),
unlike set phrases ("thank God", "God bless", "oh my god", "for God's sake") and news ("a film about
Jesus")."""
_DEITY_ACTS = (r"(?=\s+(?:who\s+)?(?:gives|gave|loves|saved|saves|answers|answered|"
               r"is\s+(?:good|great|faithful|"
               r"love|my|our|with\s+(?:me|us)|in\s+control))\b)")
"""What a devotional statement says a deity does ("Christ who gives me strength", "God is good")."""


class ReligionRecognizer(SpecialCategoryRecognizer):
    """'As a practising Muslim', 'I converted to Islam', 'my church', 'I keep kosher'."""

    ENTITY = "RELIGION"
    FRAMES = (
        *statements(_RELIGION),
        _frame("first-person", r"\bI\s+(?:converted|reverted)\s+to|\bI\s+was\s+(?:raised|brought\s+up)"
               r"(?:\s+in)?|\bI\s+practi[sc]e|\bI\s+left|\bI\s+grew\s+up\s+in", f"{_RELIGIONS}|{_RELIGION}",
               SELF_SCORE, first_person=True),
        _frame("first-person", r"\b(?:my|our)(?:\s+local)?",
               rf"(?i:{_WORSHIP}|faith|imam|rabbi|pastor|priest|vicar|minister|bishop|guru|bar\s+mitzvah|"
               r"bat\s+mitzvah|baptism|first\s+communion)", 0.55, first_person=True, after=r"\b"),
        _frame("first-person", r"\bI\s+(?:wear|started\s+wearing|wore)\s+(?:a|the|my)",
               r"(?i:hijab|niqab|burqa|turban|dastar|kippah|kippa|yarmulke|headscarf)", SELF_SCORE,
               first_person=True, after=r"\b"),
        _frame("first-person", r"\bI\s+(?:keep|eat\s+only|only\s+eat)", r"(?i:kosher|halal)", SELF_SCORE,
               first_person=True, after=r"\b"),
        _frame("first-person", r"\bI(?:['’]m|\s+am)\s+(?:fasting|observing)(?:\s+for)?",
               r"(?i:Ramadan|Lent|Yom\s+Kippur|Navratri|Ekadashi)", SELF_SCORE, first_person=True,
               after=r"\b"),
        _frame("practice", r"\b(?:at|to|after|from|before|missed|skipped)"
               r"(?:\s+(?:sunday|friday|saturday|weekly|morning|evening))?", _RELIGION, 0.5,
               first_person=False, after=_GATHERING),
        _frame("first-person", r"\b(?:my|our)(?:\s+(?:local|sunday|friday|weekly))?", _RELIGION, 0.6,
               first_person=True, after=_GATHERING),
        _frame("first-person", r"\bI\s+(?:go|went)\s+to",
               rf"(?i:{_WORSHIP}|mass|shabbat\s+services|jummah|friday\s+prayers?)", 0.6, first_person=True,
               after=r"\b(?=\s+(?i:every|each|on|weekly|regularly|most))"),
        _frame("devotion", _DEVOTION, _DEITY, 0.6, first_person=True, after=r"(?![\w'’])"),
        _frame("devotion", r"(?:^|(?<=[.!?:]\s)|(?<=[.!?:]))\s*Dear", _DEITY, 0.6, first_person=True,
               after=r"(?=\s*,)"),
        _frame("devotion", r"\bwith", _DEITY, 0.6, first_person=True,
               after=r"(?=\s+(?:all\s+things|anything|everything|nothing)\s+(?:is|are)\s+(?:possible|impossible))"),
        _said_of("devotion", _DEITY, _DEITY_ACTS, 0.55, Subject.SELF),
        _frame("worship", r"\b(?:going\s+to|go\s+to|went\s+to|off\s+to|head(?:ed|ing)\s+to|back\s+from|"
               r"home\s+from|after|then|before|skipped|missed|see\s+you\s+(?:all\s+)?at)",
               r"(?i:church|mass|temple|mosque|synagogue|gurdwara|bible\s+study|sunday\s+school)", 0.55,
               first_person=False,
               after=r"\b(?!\s+(?i:service\s+in|bells?|leaders?|officials?|of|building|roof|street|road|fire|"
                     r"shooting|attack|hall|choir\s+of))"),
    )


_POLITICAL = _terms("political_affiliations.txt")
_VOTED_FOR = _terms("politicians.txt", "political_affiliations.txt")


_OFFICE = (r"(?:(?<=\b[Tt]he\s)(?:PM|Prime\s+Minister|President|Chancellor|First\s+Minister|Taoiseach|"
           r"Premier|Mayor\s+of\s+[A-Z][\w]+|Governor\s+of\s+[A-Z][\w]+))")
"""An office only one person holds, after 'the': what is said of it is said of that person. 'the' is
left out of the term, so the gate's words are the office's, not 'the' (in almost every text)."""
_VERDICT = (r"(?=\s+(?:(?:is|are|was|has|have|['’]s|you\s+are|you['’]re)\s+)?(?:(?:so|such|a|an|the|totally|"
            r"completely|just|really|truly|never|always|not|one\s+of\s+the)\s+)*(?:awesome|great|amazing|"
            r"brilliant|the\s+best|best|worst|the\s+worst|joke|liar|lying|corrupt|crook|disgrace|idiot|moron|"
            r"clown|failed|failing|traitor|puppet|the\s+Kremlin['’]s|Kremlin['’]s|useless|incompetent|evil|"
            r"dangerous|fraud|racist|lost\s+because|cheated|lied|hero|will\s+never\s+be|should\s+resign|"
            r"must\s+go|has\s+to\s+go|needs\s+to\s+go|for\s+president|for\s+PM|2\d{3})\b)")
"""A verdict on a politician ("the PM has failed us", "Trump is a liar", "trump you are awesome")."""
_CAMPAIGN = (r"#(?i:(?:vote|rejoin|remain|leave|stop|never|impeach|elect|reelect|re-elect|dump|recall|yes|"
             r"back|fire|ban|save|not)[A-Za-z0-9_]+|MAGA|ImWithHer|FeelTheBern|NotMyPresident|Resist|"
             r"TheResistance|BlueWave|RedWave|KHive|ToriesOut|JC4PM|LockHerUp|Yes2Indy)")
"""Campaign hashtags take a side; topic tags (#indyref, #Brexit, #GE2024) do not and are left out."""
_CAMPAIGN_VERB = re.compile(r"#(?i:vote|rejoin|remain|leave|stop|never|impeach|elect|reelect|re-elect|dump|"
                           r"recall|"
                           r"yes|back|fire|ban|save|not)")
_CAMPAIGN_TARGETS = tuple(sorted({
    *(re.sub(r"[\s\-.]", "", term.lower()) for term in read_terms("politicians.txt")),
    *(re.sub(r"[\s\-.]", "", term.lower()) for term in read_terms("political_affiliations.txt")),
    "yes", "no", "leave", "remain", "eu", "brexit", "indy", "blue", "red", "left", "right", "him", "her",
}))
"""What a '#Vote…', '#Stop…' tag must name to be a campaign: a party, politician, side or referendum."""
_CANDIDATE = r"(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
_FOR_OFFICE = (r"(?=\s+for\s+(?:[\w.]+\s+){0,3}?(?i:president|presidency|senate|senator|governor|mayor|"
               r"congress|parliament|re-?election|office|nomination|leader(?:ship)?|seat|MP|council|PM)\b)")


class PoliticalOpinionRecognizer(SpecialCategoryRecognizer):
    """'I voted for Harris', 'I'm a lifelong Labour member', 'as a socialist', 'my dad is a Tory'."""

    ENTITY = "POLITICAL_OPINION"
    FRAMES = (
        *statements(_POLITICAL),
        _frame("voted", r"\b(?:I|we)\s+(?:(?:always|just|proudly|never|will|would|'ll|'d|also|only)\s+)*"
               r"(?:voted|vote|am\s+voting|['’]m\s+voting|m\s+voting|canvassed|campaigned|volunteered|donated)"
               r"(?:\s+(?:for|to))?", _VOTED_FOR, SELF_SCORE, first_person=True),
        _frame("supports", r"\b(?:I|Im|I['’]m|we|you)(?:\s+(?:will|would|won['’]t|will\s+not|never|"
               r"don['’]t|do\s+not|"
               r"can['’]t|still|always|fully|proudly|really|totally|just|am|['’]m|m|are|['’]re))*\s+"
               r"(?:support(?:ing|ed)?|back(?:ing|ed)?|endors(?:e|ing|ed)|stand(?:ing)?\s+with|rooting\s+for|"
               r"campaigning\s+for|like|love|hate|trust|admire|despise|loathe|adore|stand)(?:\s+(?:for|the))?",
               _VOTED_FOR, 0.6, first_person=True),
        _said_of("endorses", rf"(?i:endors(?:e|es|ed|ing)|backs|backing)\s+{_CANDIDATE}", _FOR_OFFICE, 0.6,
                 Subject.NAMED),
        _said_of("verdict", f"{_VOTED_FOR}|{_OFFICE}", _VERDICT, 0.55, Subject.NAMED),
        _said_of("speaks against", r"(?i:(?:spoke|speaks|speak|speaking|came|comes|coming)\s+out\s+"
                 r"(?:against|for|in\s+favou?r\s+of))\s+"
                 rf"(?:{_VOTED_FOR}|(?-i:[A-Z]{{1,4}}\s?-?\d{{1,5}})|(?i:the\s+(?:bill|law|war|ban|tax|policy|act|"
                 r"amendment|referendum|government|regime|president|prime\s+minister)))", _END, 0.55, None),
        _said_of("campaign tag", _CAMPAIGN, r"(?!\w)", 0.55, Subject.SELF),
        _frame("member", r"\b(?:I\s+joined|I['’]m\s+a\s+member\s+of|I\s+am\s+a\s+member\s+of|member\s+of)"
               r"(?:\s+the)?", _POLITICAL, SELF_SCORE, first_person=True,
               after=r"(?=\s+[Pp]arty\b|\s*[.,!]|\s*$)"),
    )
    AMBIGUOUS = frozenset({"conservative", "liberal", "progressive", "green", "moderate", "republican",
                           "reform", "renaissance", "teal", "unionist", "loyalist", "nationalist",
                           "left-wing", "right-wing", "populist", "labor", "yes", "no", "remain", "leave",
                           "greens"})

    def counts(self, text: str, match: re.Match[str], start: int, end: int) -> bool:
        """'I voted yes' on a referendum is political even though 'yes' is an everyday word."""
        verb = _CAMPAIGN_VERB.match(text, start)
        if verb is not None:
            return text[verb.end():end].lower().startswith(_CAMPAIGN_TARGETS)
        if re.search(r"(?i)\bvot", text[match.start():start]):
            return _NOT_A_PERSON.match(text, end) is None
        return super().counts(text, match, start, end)


_ORIENTATION = _terms("sexual_orientations.txt")
_CLAUSE_END = re.compile(
    rf"\s*(?:$|[.,;:!?)\-–—]|\s*[^\w\s]|(?:and|but|so|too|myself|lol|btw|now|though|af|when|last|this|"
    rf"(?:at|in)\s+\d+|to\s+(?:my|our|family|friends|everyone)|{_PERSON_NOUN})\b)",
    re.IGNORECASE,
)


class SexualOrientationRecognizer(SpecialCategoryRecognizer):
    """'I'm bi', 'my brother is gay', 'as a lesbian', 'came out as pansexual'."""

    ENTITY = "SEXUAL_ORIENTATION"
    FRAMES = statements(_ORIENTATION)
    SHORT_FORMS = frozenset({"bi", "pan", "ace", "aro", "straight", "questioning"})
    """Short forms that are also everyday words: they count only at the end of a clause or before a
    person noun ("I'm bi.", "I'm bi and proud", "a bi woman"), not in "I'm straight up tired"."""

    def counts(self, text: str, match: re.Match[str], start: int, end: int) -> bool:
        if text[start:end].lower() in self.SHORT_FORMS and not _CLAUSE_END.match(text, end):
            return False
        return super().counts(text, match, start, end)


_GENDER = _terms("gender_identities.txt")


class GenderIdentityRecognizer(SpecialCategoryRecognizer):
    """'As a trans woman', 'I'm nonbinary', 'my daughter is trans', 'I transitioned'."""

    ENTITY = "GENDER_IDENTITY"
    FRAMES = (
        *statements(_GENDER),
        _frame("first-person", r"\bI(?:\s+(?:medically|socially))?",
               r"(?i:transitioned|started\s+transitioning|am\s+transitioning)", SELF_SCORE, first_person=True,
               after=r"\b(?!\s+(?i:to|into|from)\b)"),
        _frame("first-person", r"\b(?:my|since\s+my)",
               r"(?i:gender\s+transition|transition|gender\s+identity|deadname|dead\s+name)", 0.55,
               first_person=True, after=r"\b(?!\s+(?i:to|into|from|period|plan)\b)"),
    )


_ETHNIC = _terms("ethnic_origins.txt")
_HERITAGE = _terms("heritages.txt", "ethnic_origins.txt")


class EthnicOriginRecognizer(SpecialCategoryRecognizer):
    """'As a Black woman', 'I'm mixed race', 'I'm half Korean', 'my Nigerian roots', 'of Irish descent'."""

    ENTITY = "ETHNIC_ORIGIN"
    FRAMES = (
        *statements(_ETHNIC),
        _frame("first-person", rf"\b{_I_AM}\s+(?:half|part|a\s+quarter|one\s+quarter|100%|fully)", _HERITAGE,
               SELF_SCORE, first_person=True),
        _frame("first-person", r"\b(?:my|our)", _HERITAGE, SELF_SCORE - 0.05, first_person=True,
               after=r"(?=\s+(?i:roots|heritage|ancestry|background|ancestors|side\s+of\s+the\s+family|descent)\b)"),
        _frame("first-person", rf"\b{_I_AM}\s+of", _HERITAGE, SELF_SCORE, first_person=True,
               after=r"(?=\s+(?i:descent|heritage|origin|ancestry|background|extraction)\b)"),
        _frame("first-person", rf"\b{_I_AM}(?:\s+an?)?|\b{_AS_A}",
               rf"(?:{_HERITAGE})-(?i:American|British|Canadian|Australian)", SELF_SCORE, first_person=True),
        _frame("about someone close", rf"\b{_MY_KIN_IS}(?:\s+from)?", _HERITAGE, OTHER_SCORE - 0.1,
               first_person=False),
        _frame("first-person", rf"\b(?:{_I_AM}|Im){_MODIFIERS}", _HERITAGE, SELF_SCORE - 0.1,
               first_person=True,
               after=rf"{_END}(?=\s*(?:$|[.,!?;:)]|\s+(?i:and|but|so|too|myself|lol|by\s+birth|born|on\s+my|"
                     rf"{_PERSON_NOUN})\b))"),
        _frame("my X relative", r"\b(?:my|our)(?:\s+(?:late|dear|lovely|old|beloved|great))*",
               f"{_HERITAGE}|{_ETHNIC}", OTHER_SCORE, first_person=False,
               after=rf"{_END}(?=\s+(?i:{_KIN})\b)"),
        _frame("about a named person", r"(?-i:[A-Z][\w'’-]+),\s+(?:a|an)(?:\s+\d{1,3}-year-old)?",
               f"{_HERITAGE}|{_ETHNIC}", OTHER_SCORE, first_person=False,
               after=rf"{_END}(?=\s+(?i:{_PERSON_NOUN})\b)", subject=Subject.NAMED),
    )
    AMBIGUOUS = frozenset({"black", "white", "brown", "native", "traveller", "caribbean", "roma", "persian"})


_UNIONS_NAMED = _terms("trade_unions.txt", case_sensitive=True)
_UNION_WORDS = (r"(?:local|rep|representative|steward|branch|chapter|dues|card|contract|meeting|president|"
                r"organi[sz]er|official|membership|brothers|sisters|strike|ballot|negotiations?|convention|hall|lodge)")


class TradeUnionRecognizer(SpecialCategoryRecognizer):
    """'Our union local', 'my union rep', 'I'm a member of UNISON', 'I'm a shop steward'."""

    ENTITY = "TRADE_UNION"
    FRAMES = (
        _frame("first-person", r"\b(?:my|our)",
               rf"(?i:(?:trade\s+|labou?r\s+|teachers['’]?\s+|nurses['’]?\s+)?union(?:\s+{_UNION_WORDS})?|"
               r"local\s+\d{1,4})", 0.65, first_person=True),
        _frame("first-person", rf"\b{_I_AM}\s+(?:a|an|the)(?:\s+proud)?|\b{_AS_A}(?:\s+proud)?",
               r"(?i:union\s+(?:member|rep|representative|steward|organi[sz]er|official|activist)|shop\s+steward|"
               r"trade\s+unionist|unionist)|Teamster", SELF_SCORE, first_person=True, after=r"\b"),
        _frame("first-person", r"(?:\bI(?:['’]m|\s+am)(?:\s+a)?(?:\s+proud)?\s+(?:member\s+of|in)|"
               r"\bI\s+joined|\bmember\s+of|\bI\s+pay\s+dues\s+to)(?:\s+(?:the|my|our|a))?",
               rf"{_UNIONS_NAMED}|(?i:union|trade\s+union|labou?r\s+union)", SELF_SCORE, first_person=True),
        _frame("first-person", r"\b(?:we|I)(?:\s+(?:just|finally|helped))?",
               r"(?i:unioni[sz]ed|voted\s+to\s+unioni[sz]e|unioni[sz]e)", 0.6, first_person=True,
               after=r"\b"),
    )

    def counts(self, text: str, match: re.Match[str], start: int, end: int) -> bool:
        """Not a marriage ('our union was blessed') and not a place ('Union Station')."""
        marriage = re.search(r"(?i)\b(?:marri\w+|wedding|vows|anniversary|blessed|husband|wife)\b",
                             text[max(0, start - 60):end + 60])
        place = re.match(r"(?i)\s*(?:jack|station|square|street|city|county|pacific|flag|address|"
                         r"of\s+(?:souls|hearts|two))\b", text[end:end + 30])
        return marriage is None and place is None
