"""The actor lexicon covers the world: every state and the armed groups of 2020s wars own their figures,
and the words that are also common words or people's names own none."""
from __future__ import annotations

import datetime

import pytest

from conftest import claims_of


@pytest.mark.parametrize(("text", "lang", "metric", "subject"), [
    ("Rabat ha schierato 3.000 soldati marocchini al confine.", "it", "troops", "morocco"),
    ("Nell'imboscata sono stati uccisi 40 soldati maliani.", "it", "killed", "mali"),
    ("Sono stati inviati oltre 1.500 soldati della Repubblica Democratica del Congo.", "it", "troops", "dr_congo"),
    ("Sono stati inviati 500 soldati del Congo-Brazzaville.", "it", "troops", "republic_of_the_congo"),
    ("Sono stati inviati 800 soldati del Sudan del Sud.", "it", "troops", "south_sudan"),
    ("Le Forze di supporto rapido hanno schierato 10.000 combattenti a El Fasher.", "it", "troops",
     "rapid_support_forces"),
    ("Sono stati uccisi 12 militari azeri al confine.", "it", "killed", "azerbaijan"),
    ("Sono stati inviati 200 soldati della Costa d’Avorio.", "it", "troops", "ivory_coast"),  # a curly apostrophe
    ("About 4,000 Rwandan troops are fighting alongside the rebels.", "en", "troops", "rwanda"),
    ("At least 30 Pakistani soldiers were killed in the attack.", "en", "killed", "pakistan"),
    ("The M23 has deployed some 6,000 fighters around Goma.", "en", "troops", "m23"),
    ("Al-Shabaab fielded 2,000 fighters in the offensive.", "en", "troops", "al_shabaab"),
    ("Some 3,000 Wagner fighters remain in Mali.", "en", "troops", "wagner"),
])
def test_a_new_actor_owns_its_figures(text, lang, metric, subject):
    row, = [r for r in claims_of(text, lang) if r["metric"] == metric]
    assert row["subject"] == subject


@pytest.mark.parametrize(("text", "lang", "metric"), [
    ("Tra i mali del paese, ci sono i 300 soldati inviati al fronte.", "it", "troops"),  # "mali": evils
    ("Francesca Albanese ha detto che 40.000 persone sono state uccise.", "it", "killed"),  # a surname
    ("Alla Conferenza di Monaco si è parlato di 300 droni.", "it", "drones"),  # Munich, not Monaco
    ("Chad Smith said 300 troops were sent.", "en", "troops"),  # a first name, not the country
    ("Hurricane Helene killed 25 people in Georgia.", "en", "killed"),  # the US state
    ("Five people were killed in a raid in the Jordan Valley.", "en", "killed"),  # the river's valley
])
def test_a_word_that_is_also_a_common_word_or_a_name_owns_nothing(text, lang, metric):
    row, = [r for r in claims_of(text, lang) if r["metric"] == metric]
    assert row["subject"] == ""


def test_figures_of_two_new_actors_are_never_a_conflict():
    from factcheck.api import extract
    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules
    from factcheck.documents import Document

    rules = load_rules()
    day = datetime.date(2025, 3, 1)
    documents = [Document.from_text("Sahel, nuovo attacco\nSono stati uccisi 40 soldati maliani.", source="a.txt", published=day),
                 Document.from_text("Sahel, nuovo attacco\nSono stati uccisi 90 soldati nigerini.", source="b.txt", published=day)]
    claims = extract(documents, rules=rules)
    assert sorted(claims["subject"]) == ["mali", "niger"]
    assert [f for f in evaluate(claims, rules).findings.to_dict("records") if f["metric"] == "killed"] == []
