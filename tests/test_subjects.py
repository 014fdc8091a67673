"""Who a figure is about: figures about different subjects are never a conflict."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS, claims_of

GAZA_IT = ("Gaza, il bilancio si aggrava\n"
           "Secondo il ministero della Sanità di Gaza, oltre 43.000 palestinesi sono stati uccisi e più di "
           "100.000 feriti dall'inizio della guerra.\n")
QUAKE_EN = ("Earthquake in Turkey\n"
            "At least 5,000 people were killed and more than 20,000 injured when the earthquake struck southern "
            "Turkey, officials said.\n")
FLOOD_IT = ("Alluvione in Spagna\n"
            "Le vittime dell'alluvione di Valencia sono salite a 220, mentre i feriti sono circa 1.000.\n")


@pytest.mark.parametrize(("text", "lang", "metric", "subject"), [
    ("Pyongyang ha inviato 11mila soldati nordcoreani a Mosca.", "it", "troops", "north_korea"),
    ("Sono stati inviati oltre 10.000 soldati della Corea del Nord.", "it", "troops", "north_korea"),
    ("Pyongyang ha inviato circa 200 pezzi di artiglieria a lungo raggio a Mosca.", "it", "artillery",
     "north_korea"),
    ("Secondo Kiev, la Russia ha perso oltre 600.000 soldati.", "it", "casualties", "russia"),
    ("Russia launched 84 drones at Ukraine overnight.", "en", "drones", "russia"),
    # a toll its speaker admits, or gives as its own, is the speaker's
    ("Karabakh, Baku ammette: 192 soldati uccisi nell'offensiva.", "it", "killed", "azerbaijan"),
    ("Azerbaijan said on Wednesday that 192 of its servicemen had been killed.", "en", "killed", "azerbaijan"),
    # a demonym naming a building is not whose the dead are
    ("Il Sudan è in guerra. Colpito l'ospedale saudita di El Fasher: 70 morti.", "it", "killed", "sudan"),
    # a siege names who besieges: never the owner of the toll it causes
    ("A drone strike on a mosque killed at least 75 people during the Rapid Support Forces' siege of the city.",
     "en", "killed", ""),
    ("About 11,000 North Korean troops are in Kursk.", "en", "troops", "north_korea"),
    ("Some of us think 300 troops were sent.", "en", "troops", ""),  # "us" is not the US
    ("The more than 300 drones launched overnight by Iran were brought down.", "en", "drones", "iran"),
    # weapons brought down are the defender's count, never compared with the attacker's launches
    ("Ukraine's air force said it shot down 35 drones overnight.", "en", "drones", "ukraine"),
    ("Secondo l'aeronautica ucraina, la difesa aerea ha abbattuto o neutralizzato 747 droni.", "it", "drones",
     "ukraine"),
    ("Mosca sostiene di aver intercettato tutti e quattro i missili lanciati contro Voronezh.", "it", "missiles",
     "russia"),
    # a toll is never the side it names as the enemy, nor the country of an outlet that reports it
    ("Gaza health officials said the toll from 14 months of war with Israel had reached 45,484.", "en", "killed",
     "gaza"),
    ("Secondo il ministero della Salute locale, ripreso dal quotidiano israeliano Haaretz, nella Striscia di Gaza "
     "le persone uccise sono 50.021.", "it", "killed", "gaza"),
    ("Secondo un comunicato del ministero della Salute libanese, le esplosioni hanno ucciso almeno 14 persone.",
     "it", "killed", "lebanon"),  # a state body counts its own dead
    # naming nobody, weapons are the side the story names striking, not whoever counts them
    ("Iran strikes again\nIran launched a second barrage. Israel counted about 180 missiles.", "en", "missiles",
     "iran"),
    ("Night of drones\nKYIV — Russia launched a record barrage. About 700 drones were fired.", "en", "drones",
     "russia"),  # the dateline names no attacker
])
def test_subject_of_a_figure(text, lang, metric, subject):
    row, = [r for r in claims_of(text, lang) if r["metric"] == metric]
    assert row["subject"] == subject


def test_a_figure_naming_nobody_takes_the_documents_main_actor():
    rows = claims_of("Kiev sotto attacco\nNella notte sono stati lanciati 90 droni contro la capitale.")
    assert [r["subject"] for r in rows] == ["ukraine"]


def test_a_weapons_figure_naming_nobody_is_the_paragraphs_last_owner():
    text = ("Israel says 99% intercepted\n"
            "Iran launched more than 300 drones and missiles, Hagari said. By his count, the salvo "
            "comprised 170 drones.\n"
            "The air force said 120 missiles were fired.\n")
    rows = claims_of(text, "en")
    assert [(r["figure"], r["subject"]) for r in rows] == [
        ("more than 300", "iran"), ("170", "iran"), ("120", "iran")]  # a new paragraph: the story's attacker


@pytest.mark.parametrize(("text", "lang"), [
    # a state body by its head noun speaks for the state whose dead it counts, not for a "Ministry" elsewhere
    ("Earthquake in Morocco\nAt least 2,012 people were killed in Morocco, according to an Interior Ministry "
     "update. In Tunisia, the foreign ministry offered help.", "en"),
    ("Terremoto in Marocco\nIl ministero dell'Interno: 1.037 morti in Marocco.", "it"),
])
def test_a_state_body_named_by_its_head_noun_speaks_for_the_victims_state(text, lang):
    row, = claims_of(text, lang)
    assert (row["subject"], row["attribution"]) == ("morocco", "morocco")


def test_troops_naming_nobody_are_the_side_the_paragraph_named_before():
    text = ("Terremoto in Marocco, arrivano i soccorsi\n"
            "Madrid è stata la prima a muoversi. Un contingente di 65 militari è decollato in mattinata, diretto a "
            "Marrakech.\n")
    rows = claims_of(text, "it")
    assert [(r["metric"], r["subject"]) for r in rows] == [("troops", "spain")]


def test_weapons_brought_down_are_the_defenders_and_launched_the_attackers():
    text = ("La Russia ha lanciato 810 droni contro l'Ucraina, che ha abbattuto 747 droni.\n"
            "Nove missili e 54 droni hanno raggiunto i loro obiettivi.\n")
    rows = claims_of(text, "it")
    assert [(r["figure"], r["subject"]) for r in rows] == [
        ("810", "russia"), ("747", "ukraine"), ("Nove", "russia"), ("54", "russia")]


def test_stories_about_other_subjects_raise_no_finding(tmp_path):
    for seed in SEEDS.glob("*.txt"):
        (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "gaza.txt").write_text(GAZA_IT, encoding="utf-8")
    (tmp_path / "quake.txt").write_text(QUAKE_EN, encoding="utf-8")
    (tmp_path / "flood.txt").write_text(FLOOD_IT, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "scan", str(tmp_path), "--format", "text"],
                            capture_output=True, text=True, cwd=ROOT)
    seeds_only = subprocess.run([sys.executable, "-m", "factcheck", "scan", str(SEEDS), "--format", "text"],
                                capture_output=True, text=True, cwd=ROOT)
    assert result.stdout == seeds_only.stdout  # the same two findings, nothing across stories


def test_the_same_story_in_two_sources_still_conflicts():
    from factcheck.api import extract
    from factcheck.documents import Document
    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules

    rules = load_rules()
    documents = [Document.from_text(GAZA_IT, source="a.txt"),
                 Document.from_text(GAZA_IT.replace("43.000", "13.000"), source="b.txt")]
    findings = evaluate(extract(documents, rules=rules), rules).findings
    assert set(zip(findings["rule"], findings["metric"], findings["subject"])) == {
        ("tolls_agree", "killed", "gaza"), ("tolls_agree", "casualties", "gaza")}  # the toll, and its derived total


def test_a_new_actor_is_yaml_only(rules_copy):
    (rules_copy / "actors" / "myanmar.yaml").write_text(
        "about: Myanmar\nnames:\n  it: [Myanmar, birmano, birmani, Naypyidaw]\n  en: [Myanmar, Burmese]\n",
        encoding="utf-8")
    row, = claims_of("La giunta birmana ha schierato 5.000 soldati birmani nello stato Shan.", rules=rules_copy)
    assert row["subject"] == "myanmar"


def findings_of(*articles, lang="it"):
    """Findings of (source, published, text) articles."""
    import datetime

    from factcheck.api import extract
    from factcheck.documents import Document
    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules

    rules = load_rules()
    documents = [Document.from_text(text, source=source, lang=lang, published=datetime.date.fromisoformat(day))
                 for source, day, text in articles]
    return evaluate(extract(documents, rules=rules), rules).findings.to_dict("records")


@pytest.mark.parametrize(("lang", "a", "b"), [
    ("it", "Secondo il governo di Kiev, circa 500 civili ucraini sono stati feriti nei raid.",
     "Secondo Mosca, oltre 900 civili ucraini sono stati feriti nei raid."),
    ("en", "About 500 Ukrainian civilians were wounded in the raids, according to Kyiv.",
     "More than 900 Ukrainian civilians were wounded in the raids, according to Moscow."),
])
def test_two_governments_disagreeing_is_an_attributed_disagreement(lang, a, b):
    findings = findings_of(("a.txt", "2024-12-02", a), ("b.txt", "2024-12-02", b), lang=lang)
    wounded = [f for f in findings if f["metric"] == "wounded"]
    assert [(f["severity"], f["subject"]) for f in wounded] == [("warning", "ukraine")]
    assert "attributed disagreement, ukraine vs russia" in wounded[0]["message"]


@pytest.mark.parametrize(("lang", "earlier", "later"), [
    ("it", "Secondo Seul, circa 300 soldati nordcoreani sono stati uccisi.",
     "Secondo Seul, circa 600 soldati nordcoreani sono stati uccisi."),
    ("en", "About 300 North Korean soldiers have been killed, according to Seoul.",
     "About 600 North Korean soldiers have been killed, according to Seoul."),
])
def test_a_running_total_may_grow_but_not_fall(lang, earlier, later):
    grows = findings_of(("a.txt", "2024-12-01", earlier), ("b.txt", "2024-12-20", later), lang=lang)
    assert [f for f in grows if f["metric"] == "killed"] == []
    falls = findings_of(("a.txt", "2024-12-01", later), ("b.txt", "2024-12-20", earlier), lang=lang)
    killed = [f for f in falls if f["metric"] == "killed"]
    assert [(f["severity"], f["rule"]) for f in killed] == [("error", "tolls_agree")]
    assert "falls from an earlier date to a later one" in killed[0]["message"]


def test_a_date_in_the_sentence_is_the_figures_date():
    import datetime

    rows = claims_of("Al 20 dicembre 2024, circa 300 soldati nordcoreani erano stati uccisi, secondo Seul.",
                     published=datetime.date(2025, 1, 10))
    assert [(r["as_of"], r["attribution"]) for r in rows] == [("2024-12-20", "south_korea")]


def test_a_check_may_narrow_to_one_attribution_and_a_date_window(rules_copy):
    import datetime

    from factcheck.api import extract
    from factcheck.documents import Document
    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules

    (rules_copy / "checks" / "kiev_december.yaml").write_text(
        "kind: agree\nseverity: error\nmetrics: [wounded]\ndescription: Kiev's own figures in December\n"
        "where: {attributions: [ukraine], from: 2024-12-01, to: 2024-12-31}\n", encoding="utf-8")
    rules = load_rules(rules_copy)

    def findings(*articles):
        documents = [Document.from_text(text, source=name, lang="it", published=datetime.date.fromisoformat(day))
                     for name, day, text in articles]
        return evaluate(extract(documents, rules=rules), rules, [rules.checks["kiev_december"]]).findings

    kiev = "Secondo Kiev, circa {} civili ucraini sono stati feriti."
    # Kiev's running total falls within December: flagged; Moscow's figure, or November's, is not read
    assert len(findings(("a.txt", "2024-12-02", kiev.format(2000)), ("b.txt", "2024-12-03", kiev.format(1500)))) == 1
    assert findings(("a.txt", "2024-12-02", "Secondo Mosca, circa 2000 civili ucraini sono stati feriti."),
                    ("b.txt", "2024-12-03", kiev.format(1500))).empty
    assert findings(("a.txt", "2024-11-02", kiev.format(2000)), ("b.txt", "2024-12-03", kiev.format(1500))).empty
    # to a quarter of it, even in Kiev's voice, it is another count (one day's, one city's): not a fall
    assert findings(("a.txt", "2024-12-02", kiev.format(2000)), ("b.txt", "2024-12-03", kiev.format(500))).empty


@pytest.mark.parametrize(("text", "lang", "as_of", "attribution"), [
    ("As of January 5, 2025, about 500 Ukrainian civilians were wounded, officials in Kyiv said.", "en",
     "2025-01-05", "ukraine"),
    ("Al 20 dicembre 2024 i soldati nordcoreani uccisi erano circa 300, secondo Seul.", "it", "2024-12-20",
     "south_korea"),
    ("La cifra di 300 soldati uccisi è stata riportata dal New York Times.", "it", "2025-01-10", "new_york_times"),
    ("At least 45 people were killed in the strike.", "en", "2025-01-10", ""),
    ("L'Agenzia di spionaggio di Seul, nota come Nis, ha fornito stime: circa 300 soldati nordcoreani uccisi.",
     "it", "2025-01-10", "south_korea"),
])
def test_as_of_and_attribution(text, lang, as_of, attribution):
    import datetime

    row, = claims_of(text, lang, published=datetime.date(2025, 1, 10))
    assert (row["as_of"], row["attribution"]) == (as_of, attribution)


@pytest.mark.parametrize(("text", "lang", "attributions"), [
    # the subject of a speech verb, the cue nearest the figure first
    ("On Tuesday morning police reported 15 dead, before Interior Minister Ihor Klymenko revised the number "
     "of dead down to 10.", "en", ["police", "interior minister ihor klymenko"]),
    ("Lebanese officials say the conflict has killed approximately 3,800 people.", "en", ["lebanon"]),
    ("At least 35,000 people have been killed, Gaza's Health Ministry said.", "en", ["gaza"]),
    ("Israel said Iran fired 300 drones.", "en", ["israel"]),  # the verb's subject, not its object
    ("An estimated 3,000 soldiers were deployed.", "en", [""]),  # "An" names no source
    # a pronoun, or no subject at all: the speaker named before in the paragraph
    ("Rear Admiral Daniel Hagari, the Israeli military's spokesman, said the attack had failed. By his "
     "count, the salvo comprised 170 drones.", "en", ["israel"]),
    ("Il portavoce delle forze armate israeliane ha fornito un bilancio. I droni erano 170, ha precisato.", "it",
     ["israel"]),
    ("Secondo un portavoce della giunta militare, i morti sono 2.056.", "it", ["giunta"]),
    # a state body speaks for the state the article ties it to, else for the one whose dead it counts
    ("Terremoto in Myanmar\nAt least 1,644 people were killed in central Myanmar, the ruling military said.",
     "en", ["myanmar"]),
    ("Attacco russo su Ternopil\nI feriti a Ternopil sono 66, secondo la polizia ucraina. La polizia ha detto che "
     "i morti sono 20.", "it", ["ukraine", "ukraine"]),
    # an official is his country's when the article says so once ("Hagari said" after "Israeli ...
    # spokesman Daniel Hagari"); a newspaper stands for itself
    ("Israeli military spokesman Daniel Hagari spoke on Sunday. Iran fired 170 drones, Hagari said.", "en",
     ["israel"]),
    ("L'Oms ha stimato che i morti potrebbero superare quota 20mila.", "it", ["who"]),
    # the next sentence may name the source, pointing back; the paragraph's later figures keep it
    ("Gli attacchi sul Libano hanno causato 41 morti. Lo ha riferito il ministero della Salute di Beirut. "
     "Nel nord del Paese i morti sono 21.\nAltrove, i morti sono 5.", "it", ["lebanon", "lebanon", ""]),
    ("At least 20 people were killed. That's according to the Associated Press.", "en", ["ap"]),
    # a source's name the language knows whole; "secondo cui" points back at the source just named
    ("Secondo Medici senza frontiere, i morti sono almeno 300.", "it", ["msf"]),
    ("Lo ha detto l'aeronautica militare ucraina, secondo cui i droni abbattuti sono 300.", "it", ["ukraine"]),
    # "per" names a source only opening a clause, with the source right after it
    ("Per l'intelligence di Seul, Pyongyang ha inviato oltre 10.000 soldati.", "it", ["south_korea"]),
    ("Sono stati inviati oltre 10.000 soldati per combattere in Russia.", "it", [""]),
    ("Il governo di unità nazionale (Nug) sostiene che le vittime abbiano superato quota 2.400.", "it", ["nug"]),
    # a headline's speaker before a colon; not a place and an event, nor a noun opening the sentence
    ("Zelensky: «Oltre 440 droni e 32 missili»", "it", ["ukraine", "ukraine"]),
    ("Kiev, notte di terrore: almeno 15 morti.", "it", [""]),
    ("Bilancio: 15 morti.", "it", [""]),
    # a colon late in a long sentence is no headline's speaker
    ("Il più letale resta quello che il 29 febbraio 1960 rase al suolo Agadir: una scossa che fece 12mila morti.",
     "it", [""]),
    # a state body named after its noun; a later ministry of another country ties nothing
    ("Terremoto in Marocco\nLa tv pubblica, citando il ministero dell'Interno, ha diffuso un bilancio di 2.122 "
     "morti in Marocco.", "it", ["morocco"]),
    ("Earthquake in Morocco\nAt least 2,012 people were killed in Morocco, according to an Interior Ministry update. "
     "Tunisia's Interior Ministry said it was sending help.", "en", ["morocco"]),
    # an outlet named after its noun is that outlet, not its noun nor its country
    ("Secondo l'agenzia Efe, un contingente di 65 militari spagnoli è decollato.", "it", ["efe"]),
    ("An independent medical group, the Sudan Doctors Network, gave a lower toll of 43 dead.", "en",
     ["sudan doctors network"]),
    # auxiliaries between a name and its verb: "Cecopi had been reporting"
    ("The CID said the morgue had received 199 bodies. Cecopi had been reporting 211 dead.", "en", ["cid", "cecopi"]),
    ("Strage a Gaza\nSecondo il quotidiano israeliano Haaretz, i morti a Gaza sono 50.", "it", ["haaretz"]),
    ("Gaza under fire\nAround 50 people were killed in Gaza, the Turkish agency Anadolu said.", "en", ["anadolu"]),
])
def test_who_states_a_figure(text, lang, attributions):
    assert [row["attribution"] for row in claims_of(text, lang)] == attributions


def test_one_article_quoting_two_sources_that_disagree_is_a_warning_and_one_voice_is_not():
    quoting = ("On Tuesday morning police reported 15 dead in Kyiv, before Interior Minister Ihor Klymenko "
               "revised the number of dead down to 10.")
    findings = findings_of(("a.txt", "2025-06-17", quoting), lang="en")
    assert [(f["severity"], f["reason"]) for f in findings if f["metric"] == "killed"] == [("warning", "attributed")]
    updating = "Early reports said 15 people were killed in Kyiv. The toll was later put at 10 dead."
    assert not [f for f in findings_of(("a.txt", "2025-06-17", updating), lang="en") if f["metric"] == "killed"]


def test_two_named_voices_in_one_article_disagree_whatever_else_it_counts():
    # four tolls in one article (more than a finding sets side by side): the two named voices still meet
    text = ("Myanmar, i morti salgono a 2.056 secondo la giunta. Secondo l'opposizione sono già oltre 2.400.\n"
            "A Mandalay sono morte 50 persone. A Sagaing i morti sono 300.\n")
    findings = findings_of(("a.txt", "2025-03-31", text))
    assert [(f["severity"], f["reason"]) for f in findings if f["metric"] == "killed"] == [("warning", "attributed")]


@pytest.mark.parametrize(("text", "lang", "subjects"), [
    # "contro l'Ucraina": the target, its article elided, is not who launched
    ("La Russia ha lanciato contro l'Ucraina almeno 810 droni e 13 missili.", "it", ["russia", "russia"]),
    # the victims are never the attacker the sentence names, even when the story's title names it first
    ("Russian strike on Odesa kills rescuers\n\nRussian missiles struck Odesa, killing at least 14 people, "
     "Ukraine's defence forces said.", "en", ["ukraine"]),
    # who states a figure does not own it: the speaker of "counted", the source after "secondo"
    ("Israel counted about 180 ballistic missiles fired by Iran on Tuesday night.", "en", ["iran"]),
    ("Terremoto in Myanmar, oltre 1.000 morti\nSecondo il servizio geologico degli Stati Uniti, le vittime "
     "potrebbero essere 10mila.", "it", ["myanmar", "myanmar"]),
    # ... unless the story happens in the speaker's land: a country's own ministry counts its dead;
    # a toll "in Turkey and Syria" is the toll of both
    ("Earthquake kills thousands in Turkey and Syria\nAt least 3,000 people died in Turkey. Syria's health "
     "ministry said 812 people were killed.", "en", ["syria+turkey", "turkey", "syria"]),
    ("In Turchia e Siria i morti sono almeno 5.000, mentre in Siria i morti sono 1.000.", "it", ["syria+turkey", "syria"]),
    # some of a force are that force's ("tra loro", "of them", "Of the 11,000 soldiers ..."), whoever it fights
    ("Attacchi nordcoreani nel Kursk\nPyongyang ha inviato 11.000 soldati, con circa 300 tra loro uccisi e oltre 2.700 "
     "feriti.", "it", ["north_korea", "north_korea", "north_korea"]),
    ("Of the estimated 11,000 soldiers sent by Pyongyang, 4,000 had become battle casualties, Ukraine said.", "en",
     ["north_korea", "north_korea"]),
    # an actor in another clause after the figure is not its side ("... at 4,000 when he addressed the Ukraine ...")
    ("Zelensky put North Korean casualties at 4,000 when he addressed the Ukraine Defense Contact Group.", "en",
     ["north_korea"]),
    # a toll naming nobody is never the side the story names striking, even with no title to say so
    ("Ternopil toll climbs after Wednesday's Russian strike on the western Ukrainian city of Ternopil, "
     "officials said.\nThe confirmed death toll has risen to 26.", "en", ["ukraine"]),
])
def test_who_a_figure_is_about_when_the_sentence_names_the_other_side(text, lang, subjects):
    assert [row["subject"] for row in claims_of(text, lang)] == subjects


def test_a_memorandum_is_its_own_instrument_not_the_deal_it_prepares():
    memorandum = "Ucraina e Stati Uniti hanno sottoscritto giovedì 17 aprile 2025 un memorandum d'intenti sull'accordo."
    deal = "Ucraina e Stati Uniti hanno firmato l'accordo sulle risorse il 30 aprile 2025."
    findings = findings_of(("a.txt", "2025-04-18", memorandum), ("b.txt", "2025-05-01", deal))
    assert not [f for f in findings if f["metric"] == "agreement_signed"]
    other_deal = "Ucraina e Stati Uniti hanno firmato l'accordo sulle risorse il 28 aprile 2025."
    findings = findings_of(("b.txt", "2025-05-01", deal), ("c.txt", "2025-05-01", other_deal))
    assert [f["severity"] for f in findings if f["metric"] == "agreement_signed"] == ["error"]


def test_a_toll_an_article_recalls_from_years_ago_is_of_that_day_and_no_fall():
    text = ("Turkish officials said 5,894 people had been confirmed dead. It is the worst earthquake to hit Turkey "
            "since August 17, 1999, when some 17,000 people died around Izmit.")
    rows = claims_of(text, "en")
    assert [(r["figure"], r["as_of"]) for r in rows] == [("5,894", ""), ("some 17,000", "1999-08-17")]
    assert not [f for f in findings_of(("a.txt", "2023-02-07", text), lang="en") if f["metric"] == "killed"]


def test_a_place_is_a_proper_name():
    rows = claims_of("Crisi nel Sahel\nNei mali del paese, dicono i medici, sono morte 30 persone a Bamako.", "it")
    assert [(r["figure"], r["place"]) for r in rows] == [("30", "")]  # Bamako is Mali's capital: its whole land
    rows = claims_of("Crisi nel Sahel\nNei mali del paese sono morte 30 persone.", "it")
    assert [r["place"] for r in rows] == [""]


@pytest.mark.parametrize(("text", "lang"), [
    ("Secondo l'Onu, i morti sono oltre 5.900.", "it"),
    ("Secondo le Nazioni unite i morti sono almeno 5.900.", "it"),
    ("The United Nations says at least 5,900 people have died.", "en"),
    ("UN Secretary-General Antonio Guterres said 5,900 people had died.", "en"),
])
def test_a_source_is_one_voice_by_any_of_its_names(text, lang):
    """rules/sources/: "l'Onu", "le Nazioni unite", "the United Nations" and the UN's officials are one source,
    so that figures the UN gives in Italian and in English are the same voice's."""
    assert [row["attribution"] for row in claims_of(text, lang)] == ["un"]


@pytest.mark.parametrize(("text", "attribution"), [
    ("The Sudan Doctors Network said 43 people were killed.", "sudan doctors network"),
    ("According to the Libyan Red Crescent, 11,300 people died.", "libyan red crescent"),
    ("The Sudanese Health Ministry said 43 people were killed.", "sudan"),       # a state body: its state
    ("Israeli Prime Minister Benjamin Netanyahu said 300 soldiers were killed.", "israel"),  # an office: its state
])
def test_an_organisation_named_after_a_country_stands_for_itself(text, attribution):
    assert [row["attribution"] for row in claims_of(text, "en")] == [attribution]
