"""The pipeline loaded lean: unused components left out, the tokenizer built once; same tokens, entities."""

from __future__ import annotations

import pytest
import spacy
from spacy import Config
from spacy.language import Language

from detectors.model import choose_model, left_out, load_pipeline, saved_config

TEXTS = [
    "I have asthma and live at 12 Elm Street, said Tom Jones in London.",
    "Don't e-mail me @bob_k at http://example.com/a?b=c :) it's 10km, $5 #tag and I'm gonna go",
    "She'd've won't can't y'all 'tis ma'am U.S.A. Dr. Smith vs. Mrs. O'Neil, 3 p.m. on Jan. 5th",
]


@pytest.fixture(scope="module")
def stock() -> Language:
    """The pipeline as spaCy loads it by default, with all but NER disabled."""
    nlp = spacy.load(choose_model())
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name != "ner"])
    return nlp


@pytest.fixture(scope="module")
def lean() -> Language:
    return load_pipeline(choose_model())


def _read(nlp: Language) -> list[list[tuple[str, ...]]]:
    return [[(token.text, token.norm_, token.shape_, token.whitespace_) for token in doc]
            + [(entity.text, entity.label_, str(entity.start_char)) for entity in doc.ents]
            for doc in nlp.pipe(TEXTS)]


def test_tokens_and_entities_are_those_of_the_stock_load(stock: Language, lean: Language) -> None:
    assert _read(lean) == _read(stock)


def test_the_tokenizer_has_the_saved_rules_and_patterns(stock: Language, lean: Language) -> None:
    assert lean.tokenizer.rules == stock.tokenizer.rules
    for name in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        assert getattr(getattr(lean.tokenizer, name), "__self__", None) == \
            getattr(getattr(stock.tokenizer, name), "__self__", None), name


def test_components_detection_does_not_use_are_not_loaded(lean: Language) -> None:
    assert lean.component_names == ["ner"]  # the NER of en_core_web pipelines has its own tok2vec
    assert saved_config(choose_model()) is not None


def test_a_component_a_kept_one_listens_to_is_loaded() -> None:
    config = Config().from_str("""
[nlp]
pipeline = ["tok2vec","transformer","tagger","ner","parser"]
[components]
[components.tok2vec]
factory = "tok2vec"
[components.transformer]
factory = "transformer"
[components.tagger]
factory = "tagger"
[components.tagger.model]
width = 1
[components.tagger.model.tok2vec]
upstream = "tok2vec"
[components.ner]
factory = "ner"
[components.ner.model]
width = 1
[components.ner.model.tok2vec]
upstream = "transformer"
[components.parser]
factory = "parser"
[components.parser.model]
width = 1
[components.parser.model.tok2vec]
upstream = "*"
""")
    assert left_out(config, {"ner", "entity_ruler"}) == ["tok2vec", "tagger", "parser"]
    assert left_out(config, {"ner", "tagger"}) == ["parser"]
    assert left_out(config, {"ner", "parser"}) == ["tagger"]


def test_a_component_a_recognizer_asks_for_is_loaded_and_runs() -> None:
    nlp = load_pipeline(choose_model(), extra_components=("parser",))
    assert "parser" in nlp.pipe_names
    assert len(list(nlp("I live here. You live there.").sents)) == 2
