"""Health recognizers: tables of texts with the spans they must and must not report."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import RecognizerResult

from detectors.engine import DetectionEngine
from detectors.lexicon import DATA, read_terms
from detectors.recognizers.health import (
    HealthRecognizer,
    MedicalConditionRecognizer,
    MedicalProcedureRecognizer,
    MedicationRecognizer,
)

RECOGNIZERS: dict[str, HealthRecognizer] = {
    "MEDICAL_CONDITION": MedicalConditionRecognizer(),
    "MEDICATION": MedicationRecognizer(),
    "MEDICAL_PROCEDURE": MedicalProcedureRecognizer(),
}


def found(text: str, entity: str) -> dict[str, RecognizerResult]:
    results = RECOGNIZERS[entity].analyze(text, [entity], nlp_artifacts=None)
    return {text[result.start:result.end]: result for result in results}


HITS = [
    # text, entity, exact substring, said by the writer about themself
    ("I was diagnosed with type 1 diabetes at 12.", "MEDICAL_CONDITION", "type 1 diabetes", True),
    ("T1D life: carb counting again", "MEDICAL_CONDITION", "T1D", False),
    ("My anxiety has been awful this week", "MEDICAL_CONDITION", "anxiety", True),
    ("Finally got an ADHD diagnosis at 34", "MEDICAL_CONDITION", "ADHD", True),
    ("Living with long covid is exhausting", "MEDICAL_CONDITION", "long covid", True),
    ("Had a miscarriage last spring.", "MEDICAL_CONDITION", "miscarriage", True),
    ("HIV+ and undetectable for six years", "MEDICAL_CONDITION", "HIV+", False),
    ("I've had endometriosis since I was 15", "MEDICAL_CONDITION", "endometriosis", True),
    ("my migraines are back", "MEDICAL_CONDITION", "migraines", True),
    ("I have Alzheimers in the family", "MEDICAL_CONDITION", "Alzheimers", True),
    ("She has Crohn’s disease.", "MEDICAL_CONDITION", "Crohn’s disease", False),
    ("Your awareness is the cure for #HuntingtonsDisease", "MEDICAL_CONDITION", "HuntingtonsDisease", False),
    ("Susceptibility to insulin-dependent diabetes mellitus", "MEDICAL_CONDITION",
     "insulin-dependent diabetes mellitus", False),
    ("hereditary nonspherocytic hemolytic anemia in two brothers", "MEDICAL_CONDITION",
     "hereditary nonspherocytic hemolytic anemia", False),
    ("I have a rare form of Ehlers-Danlos syndrome", "MEDICAL_CONDITION", "Ehlers-Danlos syndrome", True),
    ("my RA flare is killing me", "MEDICAL_CONDITION", "RA", True),
    ("I have neuropathies in both feet", "MEDICAL_CONDITION", "neuropathies", True),
    ("I have chronic spondylitis", "MEDICAL_CONDITION", "chronic spondylitis", True),
    ("diagnosed with Wolfram syndrome as a kid", "MEDICAL_CONDITION", "Wolfram syndrome", True),
    ("an inherited vitamin B6 deficiency", "MEDICAL_CONDITION", "vitamin B6 deficiency", False),
    ("I'm deaf and proud.", "MEDICAL_CONDITION", "deaf", True),
    ("I'm 12 weeks pregnant!", "MEDICAL_CONDITION", "pregnant", True),
    ("My wife is pregnant.", "MEDICAL_CONDITION", "pregnant", False),
    ("I've been sober for 3 years.", "MEDICAL_CONDITION", "sober", True),
    # opening a sentence with the subject dropped: a candidate whose subject is decided later
    ("Still pregnant, 41 weeks and counting", "MEDICAL_CONDITION", "pregnant", False),
    ("Long night. 12 weeks pregnant today!", "MEDICAL_CONDITION", "pregnant", False),
    ("Starting chemo on Monday, wish me luck", "MEDICAL_PROCEDURE", "chemo", True),
    ("Update: starting chemo on Monday", "MEDICAL_PROCEDURE", "chemo", True),
    ("Starting today: free flu jabs at the pharmacy", "MEDICAL_PROCEDURE", "flu jabs", False),
    ("I had an MRI and a blood test today", "MEDICAL_PROCEDURE", "MRI", True),
    ("Got my flu shot", "MEDICAL_PROCEDURE", "flu shot", True),
    ("recovering from my hysterectomy", "MEDICAL_PROCEDURE", "hysterectomy", True),
    ("I'm on sertraline and it helps", "MEDICATION", "sertraline", True),
    ("upping my meds again", "MEDICATION", "meds", True),
    ("I take metformin and lisinopril daily", "MEDICATION", "lisinopril", True),
    ("Ozempic shortages everywhere", "MEDICATION", "Ozempic", False),
]


@pytest.mark.parametrize(("text", "entity", "substring", "first_person"), HITS)
def test_hits(text: str, entity: str, substring: str, first_person: bool) -> None:
    results = found(text, entity)
    assert substring in results, f"{substring!r} not in {list(results)}"
    result = results[substring]
    assert result.recognition_metadata["first_person"] is first_person
    assert result.recognition_metadata["reason"]
    assert 0.4 <= result.score <= 1.0


MISSES = [
    # text, entity that must not be reported anywhere in it
    ("As a Cancer I'm very emotional, my moon is in Leo", "MEDICAL_CONDITION"),
    ("Happy birthday to my fellow Cancers!", "MEDICAL_CONDITION"),
    ("That concert was sick!", "MEDICAL_CONDITION"),
    ("The Great Depression reshaped the economy.", "MEDICAL_CONDITION"),
    ("A tropical depression is forming in the Gulf.", "MEDICAL_CONDITION"),
    ("What a stroke of genius.", "MEDICAL_CONDITION"),
    ("I work at MS, I mean Microsoft.", "MEDICAL_CONDITION"),
    ("ED: forgot the link. He pressed the ALL button.", "MEDICAL_CONDITION"),
    ("Imposter syndrome is real, Stockholm syndrome too.", "MEDICAL_CONDITION"),
    ("Civil disorder erupted downtown.", "MEDICAL_CONDITION"),
    ("New shingles for the roof arrived.", "MEDICAL_CONDITION"),
    ("Avoid it like the plague.", "MEDICAL_CONDITION"),
    ("My diploma arrived and the aroma of coffee filled Oklahoma.", "MEDICAL_CONDITION"),
    ("Sympathy, empathy and a clear diagnosis.", "MEDICAL_CONDITION"),
    ("Mitosis, meiosis and apoptosis are cell biology.", "MEDICAL_CONDITION"),
    ("The drug seizure at the border was huge.", "MEDICAL_CONDITION"),
    ("Non-alcoholic drinks only; alcoholic beverages are banned.", "MEDICAL_CONDITION"),
    ("A song thrush sang in the garden.", "MEDICAL_CONDITION"),
    ("Tumor necrosis factor alpha binds its receptor.", "MEDICAL_CONDITION"),
    ("My DM is open, send me a DM.", "MEDICAL_CONDITION"),
    ("That was a blind date. Justice is blind. The code is clean.", "MEDICAL_CONDITION"),
    ("I'm expecting a parcel and the room is disabled for now.", "MEDICAL_CONDITION"),
    ("My website is https://www.GyrateAtrophy.si/ and mail lupus.fan@example.org", "MEDICAL_CONDITION"),
    ("MY PHONE IS DEAD AS MY SOUL, ALL DAY", "MEDICAL_CONDITION"),
    ("Buut. Ill have to get on my phone.", "MEDICAL_CONDITION"),
    ("Retail is booming; art prep for the show.", "MEDICATION"),
    ("The cast of the film was great, I was in stitches.", "MEDICAL_PROCEDURE"),
]


@pytest.mark.parametrize(("text", "entity"), MISSES)
def test_near_misses_do_not_fire(text: str, entity: str) -> None:
    assert found(text, entity) == {}


def test_a_flu_shot_is_a_procedure_not_a_condition() -> None:
    assert "flu" not in found("Got my flu shot today", "MEDICAL_CONDITION")


def test_framing_orders_the_scores() -> None:
    mine = found("I was diagnosed with multiple sclerosis.", "MEDICAL_CONDITION")["multiple sclerosis"]
    plain = found("Multiple sclerosis.", "MEDICAL_CONDITION")["Multiple sclerosis"]
    news_text = "Researchers studied patients with multiple sclerosis."
    news = found(news_text, "MEDICAL_CONDITION")["multiple sclerosis"]
    assert mine.score > plain.score > news.score >= 0.4
    assert "first-person 'I was diagnosed with'" in mine.recognition_metadata["reason"]
    assert "news-like" in news.recognition_metadata["reason"]


def test_someone_close_is_personal_but_not_first_person() -> None:
    result = found("My wife has MS and her neurologist is great.", "MEDICAL_CONDITION")["MS"]
    assert result.recognition_metadata["first_person"] is False
    assert "someone close 'My wife'" in result.recognition_metadata["reason"]


def test_an_abbreviation_defined_in_the_text_is_followed() -> None:
    text = "Duchenne muscular dystrophy (DMD) is inherited. Boys with DMD lose the ability to walk."
    results = RECOGNIZERS["MEDICAL_CONDITION"].analyze(text, ["MEDICAL_CONDITION"])
    spans = {(text[r.start:r.end], r.start) for r in results}
    assert ("DMD", text.rindex("DMD")) in spans


def test_a_gene_named_in_brackets_is_not_an_abbreviation_of_the_disease() -> None:
    text = "The Wiskott-Aldrich syndrome protein (WASP) binds actin; WASP is expressed in blood cells."
    assert "WASP" not in found(text, "MEDICAL_CONDITION")


def test_other_entities_are_not_analysed() -> None:
    assert RECOGNIZERS["MEDICATION"].analyze("I'm on sertraline", ["PERSON"]) == []


def test_lexicons_are_large_and_name_their_source() -> None:
    files = ("medical_conditions.txt", "medical_conditions_rare.txt", "medical_conditions_lay.txt",
             "medical_abbreviations.txt", "medical_abbreviations_ambiguous.txt")
    conditions = {term.lower() for name in files for term in read_terms(name)}
    assert len(conditions) > 2500
    assert len(read_terms("medications.txt")) > 500
    for path in DATA.glob("medic*.txt"):
        header = path.read_text(encoding="utf-8").splitlines()[:3]
        assert any("Source:" in line for line in header), path.name


def test_through_the_engine(engine: DetectionEngine) -> None:
    text = "I was diagnosed with type 1 diabetes last year and I'm on insulin now."
    spans = {text[s.start:s.end]: s for s in engine.analyze(text)}
    condition = spans["type 1 diabetes"]
    assert condition.entity == "MEDICAL_CONDITION"
    assert condition.first_person
    assert "first-person" in condition.reason
    assert spans["insulin"].entity == "MEDICATION"


PIECES = [*"aeiosy TMDCSr'’-.();I\n", "my ", "itis", "oma", " syndrome", " disease", "cancer", "I'm on ",
          "(MS)"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_gives_spans_inside_it(text: str) -> None:
    for entity, recognizer in RECOGNIZERS.items():
        for result in recognizer.analyze(text, [entity]):
            assert 0 <= result.start < result.end <= len(text)
            assert 0.4 <= result.score <= 1.0
