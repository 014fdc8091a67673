"""The claims table: what editors get from `factcheck claims`."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, claims_of
from factcheck.api import extract
from factcheck.check.ruleset import load_rules
from factcheck.extraction.grammar import detect_language
from factcheck.model import CLAIM_COLUMNS
from factcheck.documents import Document


def only(rows, **match):
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, f"expected one claim matching {match}, got {rows}"
    return found[0]


# --- the seeds -----------------------------------------------------------------------------

def seed(table, prefix):
    from factcheck.render.formats import records

    return records(table[table["source"].str.startswith(prefix)])


def test_seed_000_troops_at_least_10000_and_agreement_in_june(seed_claims):
    rows = seed(seed_claims, "000")
    troops = only(rows, metric="troops")
    assert (troops["value"], troops["qualifier"], troops["low"], troops["high"]) == (10000, "at_least", 10000, None)
    assert troops["count"] == 2  # stated twice, one row
    signed = only(rows, metric="agreement_signed")
    assert (signed["date_start"], signed["date_end"]) == ("XXXX-06-01", "XXXX-06-30")
    assert len(rows) == 2


def test_seed_002_troops_killed_wounded_artillery(seed_claims):
    rows = seed(seed_claims, "002")
    expected = {"troops": (11000, "approx"), "killed": (300, "approx"),
                "wounded": (2700, "at_least"), "artillery": (200, "approx")}
    assert {r["metric"]: (r["value"], r["qualifier"]) for r in rows} == expected
    assert only(rows, metric="killed")["low"] == pytest.approx(270)


def test_seed_004_troops_losses_half_and_agreement_date(seed_claims):
    rows = seed(seed_claims, "004")
    troops = only(rows, metric="troops")
    assert (troops["value"], troops["qualifier"], troops["count"]) == (11000, "exact", 2)
    losses = only(rows, metric="casualties")
    assert losses["qualifier"] == "fraction" and losses["value"] == 5500
    assert losses["low"] < 5500 < losses["high"] and losses["ref"] == troops["id"]
    signed = only(rows, metric="agreement_signed")
    assert (signed["date_start"], signed["date_end"]) == ("2024-11-06", "2024-11-06")
    assert len(rows) == 3


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_seeds_without_figures_give_no_claims(seed_claims, prefix):
    assert seed(seed_claims, prefix) == []


def test_offsets_point_at_the_figure_in_the_text(seed_claims):
    from factcheck.render.formats import records

    for row in records(seed_claims):
        text = (SEEDS / row["source"]).read_text(encoding="utf-8")
        for start, end in row["offsets"]:
            assert text[start:end] in row["figure"]
        assert row["quote"] in text
        assert text.count("\n", 0, row["start"]) + 1 == row["line"]


def test_table_has_the_documented_columns(seed_claims):
    assert tuple(seed_claims.columns) == CLAIM_COLUMNS


# --- qualifiers -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "qualifier", "low", "high"), [
    ("oltre 10.000 soldati", "it", "at_least", 10000, None),
    ("più di 10.000 soldati", "it", "at_least", 10000, None),
    ("almeno 10.000 soldati", "it", "at_least", 10000, None),
    ("circa 10.000 soldati", "it", "approx", 9000, 11000),
    ("quasi 10.000 soldati", "it", "approx", 9000, 11000),
    ("intorno a 10.000 soldati", "it", "approx", 9000, 11000),
    ("fino a 10.000 soldati", "it", "at_most", 0, 10000),
    ("meno di 10.000 soldati", "it", "at_most", 0, 10000),
    ("ben 11mila soldati", "it", "exact", 11000, 11000),
    ("tra 200 e 300 soldati", "it", "range", 200, 300),
    ("da 200 a 300 soldati", "it", "range", 200, 300),
    ("over 10,000 troops", "en", "at_least", 10000, None),
    ("more than 10,000 troops", "en", "at_least", 10000, None),
    ("at least 10,000 troops", "en", "at_least", 10000, None),
    ("about 10,000 troops", "en", "approx", 9000, 11000),
    ("nearly 10,000 troops", "en", "approx", 9000, 11000),
    ("around 10,000 troops", "en", "approx", 9000, 11000),
    ("some 10,000 troops", "en", "approx", 9000, 11000),
    ("up to 10,000 troops", "en", "at_most", 0, 10000),
    ("fewer than 10,000 troops", "en", "at_most", 0, 10000),
    ("between 200 and 300 troops", "en", "range", 200, 300),
    ("200-300 troops", "en", "range", 200, 300),
])
def test_qualifier_sets_the_interval(text, lang, qualifier, low, high):
    row = only(claims_of(text, lang), metric="troops")
    assert row["qualifier"] == qualifier
    assert row["low"] == pytest.approx(low) and (row["high"] == pytest.approx(high) if high else row["high"] is None)


# --- number forms in running text -------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "metric", "value"), [
    ("l'invio di 11mila soldati", "it", "troops", 11000),
    ("l'invio di 11 mila soldati", "it", "troops", 11000),
    ("circa 2,7 milioni di proiettili", "it", "shells", 2_700_000),
    ("duecento soldati", "it", "troops", 200),
    ("undicimila soldati", "it", "troops", 11000),
    ("un migliaio di soldati", "it", "troops", 1000),
    ("2.700 feriti", "it", "wounded", 2700),
    ("1.5 million shells", "en", "shells", 1_500_000),
    ("two hundred soldiers", "en", "troops", 200),
    ("eleven thousand troops", "en", "troops", 11000),
    ("10,000 troops", "en", "troops", 10000),
    ("the attack killed 45 people", "en", "killed", 45),
    ("Russia launched 90 drones and 12 missiles", "en", "drones", 90),
    ("Russia launched 90 drones and 12 missiles", "en", "missiles", 12),
])
def test_number_forms_in_sentences(text, lang, metric, value):
    assert only(claims_of(text, lang), metric=metric)["value"] == value


def test_number_and_noun_separated_by_words():
    rows = claims_of("con circa 300 tra loro uccisi e oltre 2.700 feriti")
    assert only(rows, metric="killed")["value"] == 300
    assert only(rows, metric="wounded")["value"] == 2700


def test_casualty_word_outranks_troops_word():
    assert only(claims_of("300 soldati nordcoreani uccisi"), metric="killed")["value"] == 300
    assert only(claims_of("300 North Korean soldiers were killed", "en"), metric="killed")["value"] == 300


@pytest.mark.parametrize(("text", "lang", "low", "high"), [
    ("centinaia di soldati", "it", 100, 999),
    ("migliaia di soldati", "it", 1000, 9999),
    ("decine di soldati uccisi", "it", 10, 99),
    ("hundreds of troops", "en", 100, 999),
    ("dozens of soldiers", "en", 10, 99),
])
def test_vague_quantities_follow_the_conventions(text, lang, low, high):
    row = claims_of(text, lang)[0]
    assert (row["low"], row["high"], row["qualifier"]) == (low, high, "range")


def test_vague_convention_is_changed_by_the_rule_set(rules_copy):
    conventions = rules_copy / "conventions.yaml"
    conventions.write_text("vague:\n  hundreds: {value: 200, low: 200, high: 900, it: [centinaia]}\n")
    row = claims_of("centinaia di soldati", rules=rules_copy)[0]
    assert (row["value"], row["low"], row["high"]) == (200, 200, 900)


def test_percentage_of_a_stated_figure_is_a_fraction():
    rows = claims_of("Mosca ha ricevuto 10.000 soldati. Il 30% dei soldati è stato ucciso.")
    killed = only(rows, metric="killed")
    assert (killed["qualifier"], killed["value"]) == ("fraction", 3000)


def test_share_with_no_stated_figure_is_not_a_claim():
    assert claims_of("La metà dei soldati è stata uccisa.") == []


def test_english_share_of_troops():
    rows = claims_of("North Korea sent 11,000 troops. Russia lost about half of the troops.", "en")
    assert only(rows, metric="casualties")["value"] == 5500


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "start", "end"), [
    ("L'accordo, siglato a giugno, prevede aiuti.", "it", "XXXX-06-01", "XXXX-06-30"),
    ("Gli accordi, siglati lo scorso 6 novembre 2024, prevedono aiuti.", "it", "2024-11-06", "2024-11-06"),
    ("Il trattato è stato firmato il 19 giugno 2024.", "it", "2024-06-19", "2024-06-19"),
    ("Firmato nel 2024, il patto prevede aiuti.", "it", "2024-01-01", "2024-12-31"),
    ("The treaty was signed in June 2024.", "en", "2024-06-01", "2024-06-30"),
    ("They signed the agreement on November 6, 2024.", "en", "2024-11-06", "2024-11-06"),
])
def test_agreement_signing_dates(text, lang, start, end):
    row = only(claims_of(text, lang), metric="agreement_signed")
    assert (row["date_start"], row["date_end"]) == (start, end)


def test_year_less_date_resolves_against_the_latest_full_date_in_the_document():
    rows = claims_of("Il 6 novembre 2024 Kim ha parlato. L'accordo, siglato a giugno, prevede aiuti.")
    row = only(rows, metric="agreement_signed")
    assert (row["date_start"], row["date_end"]) == ("2024-06-01", "2024-06-30")


def test_publication_date_is_the_reference():
    import datetime

    rows = claims_of("L'accordo, siglato a dicembre, prevede aiuti.", published=datetime.date(2025, 3, 1))
    assert only(rows, metric="agreement_signed")["date_start"] == "2024-12-01"


def test_dates_that_are_not_the_event_are_not_claims():
    assert claims_of("Trump, che già tra il 2017 e il 2021 aveva provato a trattare, ora firma.") == []
    assert claims_of("L'accordo del novembre 2024") == []


# --- furniture -------------------------------------------------------------------------------

def test_related_links_and_reading_time_are_not_claims():
    text = ("Articolo.\n4 Min di lettura\n20 novembre 2024 · 03:15\n"
            "Missili: la Russia lancia 120 missili\n19 novembre 2024 · 01:15\n"
            "Accordo firmato il 3 marzo 2024 tra i due paesi\n")
    assert claims_of(text) == []


def test_link_after_a_read_also_marker_is_not_a_claim():
    assert claims_of("Leggi anche:\nUccisi 300 soldati nel Kursk\n") == []


# --- documents -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("La Corea del Nord ha inviato truppe alla Russia per sostenere la guerra.", "it"),
    ("North Korea has sent troops to Russia to support the war, officials said.", "en"),
])
def test_language_is_detected(text, lang):
    assert detect_language(text, load_rules()) == lang


def test_extract_reads_folders_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("inviati 500 soldati", encoding="utf-8")
    (tmp_path / "a" / "y.md").write_text("sent 600 troops to the front, officials said", encoding="utf-8")
    table = extract([tmp_path])
    assert sorted(table["source"]) == ["a/b/x.txt", "a/y.md"]
    assert sorted(table["value"]) == [500, 600]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_extraction_never_raises_on_arbitrary_text(text):
    for lang in ("it", "en"):
        extract([Document.from_text(text, lang=lang)])


NEWSY = st.lists(st.sampled_from([
    "oltre", "circa", "10.000", "11mila", "soldati", "feriti", "uccisi", "la metà", "dei", "militari",
    "accordo", "siglato", "a giugno", "6 novembre 2024", ",", ".", "\n", "tra", "e", "200", "-", "300",
    "about", "troops", "signed", "in June", "30%", "di", "centinaia", "the", "treaty", "·", "03:15",
]), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(NEWSY)
def test_extraction_never_raises_on_news_like_text(text):
    for lang in ("it", "en"):
        rows = claims_of(text, lang)
        for row in rows:
            assert text[row["start"]:row["end"]] in row["figure"]


@settings(max_examples=300, deadline=None)
@given(NEWSY)
def test_scanning_near_triggers_finds_what_a_full_scan_finds(text):
    """The full patterns run only near digits and number or month words: that must lose nothing."""
    from factcheck.extraction.candidates import find_candidates
    from factcheck.extraction.grammar import grammar_for
    from factcheck.check.ruleset import load_rules

    for lang in ("it", "en"):
        grammar = grammar_for(lang, load_rules())
        full = [(m.start(), m.end()) for m in grammar.dates.finditer(text)]
        full += [(m.start(), m.end()) for m in grammar.quantities.finditer(text)
                 if not any(s < m.end() and m.start() < e for s, e in full)]
        assert sorted(full) == [(c.start, c.end) for c in find_candidates(text, grammar)]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_scanning_near_triggers_loses_nothing_on_the_seeds(path):
    from factcheck.extraction.candidates import find_candidates
    from factcheck.extraction.grammar import grammar_for
    from factcheck.check.ruleset import load_rules

    text = path.read_text(encoding="utf-8")
    grammar = grammar_for("it", load_rules())
    dates = [(m.start(), m.end()) for m in grammar.dates.finditer(text)]
    assert set(dates) <= {(c.start, c.end) for c in find_candidates(text, grammar)}
    numbers = {(m.start(), m.end()) for m in grammar.quantities.finditer(text)}
    assert {(c.start, c.end) for c in find_candidates(text, grammar) if c.group != "date"} <= numbers


def test_an_event_at_a_time_of_day_is_of_the_day_told_else_of_today_or_yesterday():
    """"took effect at 4 a.m." in an article of 27 November: the 26th or the 27th; "agreed on Saturday ...
    took effect at 5 p.m." is Saturday's."""
    import datetime

    from factcheck.api import extract
    from factcheck.documents import Document

    def dates(text, published):
        table = extract([Document.from_text(text, lang="en", published=datetime.date.fromisoformat(published))])
        return [(r["metric"], r["date_start"], r["date_end"]) for r in table.to_dict("records")]

    assert dates("The ceasefire took effect at 4 a.m. after a night of strikes.", "2024-11-27") == [
        ("agreement_in_force", "2024-11-26", "2024-11-27")]
    assert dates("The ceasefire, agreed on Saturday after a call, took effect at 5 p.m. that day.", "2025-05-13") == [
        ("agreement_signed", "2025-05-10", "2025-05-10"), ("agreement_in_force", "2025-05-10", "2025-05-10")]
    assert dates("The ceasefire came into force at 4 a.m. on Wednesday.", "2024-11-28") == [
        ("agreement_in_force", "2024-11-27", "2024-11-27")]


def test_an_agreement_named_after_a_place_is_one_event_in_every_language():
    """"la Dichiarazione di Gedda" and "the Jeddah Declaration" are one agreement, whose two dates conflict."""
    it = claims_of("La Dichiarazione di Gedda, firmata il 12 maggio 2023, è rimasta lettera morta.", "it")
    en = claims_of("The Jeddah Declaration, signed on 11 May 2023, bound both sides.", "en")
    assert [c["event"] for c in it] == [c["event"] for c in en] == ["jeddah"]
