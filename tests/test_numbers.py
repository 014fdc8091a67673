"""Numerals: whole strings (parse_number) and numerals found in running text (number_pattern)."""
from __future__ import annotations

import functools
import math

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import languages
from factcheck.extraction.numbers import Numeral, number_pattern, parse_number, parse_numeral

LANGS = ("it", "en")


FORMS = {
    # digits in the locale's notation
    "it_dot_groups_thousands": ("it", "10.000", 10000),
    "it_many_groups": ("it", "1.000.000", 1000000),
    "it_comma_is_decimal_even_before_three_digits": ("it", "4,800", 4.8),
    "it_groups_and_decimals": ("it", "6.700,54", 6700.54),
    "it_leading_decimal_mark": ("it", ",77", 0.77),
    "en_comma_groups_thousands": ("en", "12,567", 12567),
    "en_dot_is_decimal_even_before_three_digits": ("en", "4.800", 4.8),
    "en_groups_and_decimals": ("en", "1,674,200.5", 1674200.5),
    "en_leading_decimal_mark": ("en", ".77", 0.77),
    "space_groups": ("it", "1 234 567", 1234567),
    "no_break_space_groups": ("en", "1\u00a0234\u202f567", 1234567),
    "leading_zeros": ("it", "0033", 33),
    "minus_sign": ("en", "-1", -1),
    "minus_sign_and_space": ("it", "- 1.200.000", -1200000),
    "minus_word_it": ("it", "meno 1.200.000", -1200000),
    "negative_word_it": ("it", "negativo 1200000", -1200000),
    "minus_word_en": ("en", "minus 1,200,000", -1200000),
    "negative_word_en": ("en", "negative one", -1),
    # multipliers after digits
    "mila_glued": ("it", "11mila", 11000),
    "mila_spaced": ("it", "11 mila", 11000),
    "decimal_milioni": ("it", "2,7 milioni", 2700000),
    "miliardi": ("it", "2 miliardi", 2000000000),
    "decimal_million": ("en", "1.5 million", 1500000),
    "grouped_decimal_million": ("en", "1,674.5 million", 1674500000),
    "thousand_after_digits": ("en", "5 thousand", 5000),
    "suffix_k": ("en", "10k", 10000),
    "suffix_capital_k": ("it", "100K", 100000),
    "suffix_capital_m": ("en", "3M", 3000000),
    "suffix_after_decimal_comma": ("it", "1,2M", 1200000),
    "suffix_spaced": ("it", "2,33 k", 2330),
    "suffix_mln": ("it", "3,5 mln", 3500000),
    "suffix_bn": ("en", "5bn", 5000000000),
    # Italian number words
    "it_hundreds": ("it", "duecento", 200),
    "it_accented_unit": ("it", "ventitré", 23),
    "it_elided_ventuno": ("it", "ventuno", 21),
    "it_truncated_ventun": ("it", "ventun", 21),
    "it_elided_ventotto": ("it", "ventotto", 28),
    "it_elided_cento": ("it", "centottanta", 180),
    "it_teen_thousands": ("it", "undicimila", 11000),
    "it_year_in_words": ("it", "millenovecentottantaquattro", 1984),
    "it_larger_scale_multiplies": ("it", "cinquantatremila milioni duecentoquarantatremilasettecentoventiquattro",
                                   53000243724),
    "it_scales_descending": ("it", "un miliardo venticinque milioni", 1025000000),
    "it_e_after_hundred": ("it", "cento e uno", 101),
    "it_e_after_thousand": ("it", "tremila e seicento", 3600),
    "it_mille_alone": ("it", "mille", 1000),
    "it_un_migliaio": ("it", "un migliaio", 1000),
    "it_un_alone": ("it", "un", 1),
    "it_capitalised": ("it", "Milleduecentosessantasei", 1266),
    # English number words
    "en_hundreds": ("en", "two hundred", 200),
    "en_thousands": ("en", "eleven thousand", 11000),
    "en_any_case": ("en", "twenty-one thousand Eleven", 21011),
    "en_and_before_last_group": ("en", "seven hundred twenty-one thousand and twelve", 721012),
    "en_hundreds_of_a_year": ("en", "nineteen hundred seventy-three", 1973),
    "en_plural_hundreds": ("en", "sixty hundreds", 6000),
    "en_compound_count_of_hundreds": ("en", "forty five hundred thirty eight", 4538),
    "en_plural_thousands": ("en", "thirty-five thousands", 35000),
    "en_larger_scale_multiplies": ("en", "three thousand millions", 3000000000),
    "en_thousand_alone": ("en", "thousand nine hundred twenty", 1920),
    "en_digits_and_words": ("en", "4 thousand 3 hundred and 21", 4321),
    "en_one_alone": ("en", "one", 1),
    # dozens and halves
    "it_una_dozzina": ("it", "una dozzina", 12),
    "it_mezza_dozzina": ("it", "mezza dozzina", 6),
    "it_digits_dozzine": ("it", "3 dozzine", 36),
    "en_a_dozen": ("en", "a dozen", 12),
    "en_two_dozen": ("en", "two dozen", 24),
    "en_half_a_dozen": ("en", "half a dozen", 6),
    "it_uno_e_mezzo": ("it", "uno e mezzo", 1.5),
    "it_milione_e_mezzo": ("it", "un milione e mezzo", 1500000),
    "it_mezzo_milione": ("it", "mezzo milione", 500000),
    "it_digits_milioni_e_mezzo": ("it", "3 milioni e mezzo", 3500000),
    "en_one_and_a_half": ("en", "one and a half", 1.5),
    "en_half_million": ("en", "half million", 500000),
    "en_and_a_half_before_scale": ("en", "five and a half million", 5500000),
    "en_and_one_half_after_scale": ("en", "two million and one half", 2500000),
    # spoken decimals
    "it_virgola_compound": ("it", "dodici virgola novantanove", 12.99),
    "it_virgola_digit_by_digit": ("it", "centoventi virgola zero cinque", 120.05),
    "it_zero_virgola": ("it", "zero virgola cinque", 0.5),
    "it_punto": ("it", "duecento punto zero tre", 200.03),
    "en_point_digit_by_digit": ("en", "twelve point nine nine", 12.99),
    "en_point_compound": ("en", "twelve point ninety-nine", 12.99),
    "en_naught_point": ("en", "naught point five", 0.5),
    "en_point_then_scale": ("en", "two point two million", 2200000),
    "en_digits_point_digits": ("en", "1 point 1", 1.1),
    # percentages
    "it_percent_sign": ("it", "30%", 30),
    "it_percent_sign_spaced": ("it", "30 %", 30),
    "it_per_cento": ("it", "30 per cento", 30),
    "it_decimal_percent": ("it", "2,5%", 2.5),
    "it_words_per_cento": ("it", "trenta per cento", 30),
    "en_percent_word": ("en", "30 percent", 30),
    "en_per_cent": ("en", "30 per cent", 30),
}


@pytest.mark.parametrize(("lang", "text", "value"), FORMS.values(), ids=FORMS.keys())
def test_number_form(lang, text, value):
    got = parse_number(text, lang)
    assert got is not None and math.isclose(got, value, rel_tol=1e-12), f"{text!r}: expected {value}, got {got}"


NOT_NUMBERS = {
    "empty": ("it", ""),
    "blank": ("en", "   "),
    "letters": ("it", "abc"),
    "vague_centinaia": ("it", "centinaia"),
    "vague_migliaia": ("it", "migliaia"),
    "vague_una_decina": ("it", "una decina"),
    "vague_hundreds": ("en", "hundreds"),
    "vague_dozens": ("en", "dozens"),
    "vague_thousands": ("en", "thousands"),
    "scale_without_count": ("it", "mila"),
    "half_without_multiplier": ("it", "mezzo"),
    "article_a_alone": ("en", "a"),
    "a_date": ("it", "2024-11-06"),
    "a_range": ("en", "10-20"),
    "digit_sequence_words": ("it", "uno due"),  # spoken digits, not one numeral
    "it_dot_before_one_digit": ("it", "1.5"),  # the dot groups three digits in Italian
    "en_comma_before_one_digit": ("en", "1,2"),
    "number_inside_word": ("it", "tremendo"),
    "currency_sign": ("en", "$5bn"),  # the currency belongs to the claim, not the numeral
    "too_many_digits_for_a_float": ("en", "9" * 400),
}


@pytest.mark.parametrize(("lang", "text"), NOT_NUMBERS.values(), ids=NOT_NUMBERS.keys())
def test_not_a_number(lang, text):
    assert parse_number(text, lang) is None


def test_numeral_marks_percentages():
    assert parse_numeral("30 per cento", "it") == Numeral(30.0, True)
    assert parse_numeral("2,5%", "it") == Numeral(2.5, True)
    assert parse_numeral("30", "it") == Numeral(30.0, False)


def test_parse_number_is_the_value_of_parse_numeral():
    assert parse_number("30 percent", "en") == parse_numeral("30 percent", "en").value == 30.0


def test_italian_is_the_default_language():
    assert parse_number("4,800") == 4.8


@functools.cache
def compiled(lang: str) -> regex.Pattern:
    return regex.compile(number_pattern(lang), regex.IGNORECASE)


def found(lang: str, text: str) -> list[str]:
    return [m.group() for m in compiled(lang).finditer(text)]


IN_TEXT = {
    "digits_after_qualifier": ("it", "oltre 10.000 soldati", ["10.000"]),
    "glued_mila": ("it", "l'invio di 11mila soldati", ["11mila"]),
    "spaced_mila": ("it", "circa 11 mila soldati", ["11 mila"]),
    "decimal_milioni": ("it", "2,7 milioni di persone", ["2,7 milioni"]),
    "plain_count": ("it", "circa 300 tra loro", ["300"]),
    "word_numeral": ("it", "duecento soldati", ["duecento"]),
    "article_with_migliaio": ("it", "un migliaio di feriti", ["un migliaio"]),
    "per_cento": ("it", "il 30 per cento dei voti", ["30 per cento"]),
    "percent_sign": ("it", "il 30% dei voti", ["30%"]),
    "whole_compound_word": ("it", "trentanove", ["trentanove"]),
    "not_inside_words": ("it", "altre sotto tremendo", []),
    "sei_is_a_number": ("it", "sei", ["sei"]),
    "not_a_month": ("it", "il 6 novembre", ["6"]),
    "articles_alone": ("it", "uno dei soldati, un uomo e una donna", []),
    "grouped_number_whole": ("it", "1.000.000 di euro", ["1.000.000"]),
    "year_before_comma": ("it", "nel 2024, poi", ["2024"]),
    "grouped_before_full_stop": ("it", "erano 1.000. Poi", ["1.000"]),
    "not_a_wrong_grouping": ("it", "versione 1.5", []),
    "half_after_scale": ("it", "un milione e mezzo di", ["un milione e mezzo"]),
    "two_numbers_joined_by_e": ("it", "tra 2 milioni e 3 milioni", ["2 milioni", "3 milioni"]),
    "hundreds_joined_by_e": ("it", "duecento e trecento", ["duecento", "trecento"]),
    "year_is_no_count_of_millions": ("it", "nel 2021 milioni di persone", ["2021"]),
    "spoken_decimal": ("it", "costa dodici virgola novantanove euro", ["dodici virgola novantanove"]),
    "punto_as_a_noun": ("it", "il punto due dell'accordo", []),
    "vague_quantities": ("it", "centinaia di migliaia, una decina", []),
    "range_with_hyphen": ("it", "tra 10-20 persone", ["10", "20"]),
    "signed_number_stays_silent": ("it", "il PIL: -5%", []),  # better no figure than +5
    "lowercase_m_is_metres": ("it", "a 10 m di altezza", ["10"]),
    "en_grouped": ("en", "more than 10,000 troops", ["10,000"]),
    "en_one_inside_word_or_alone": ("en", "someone said one of them", []),
    "en_article_with_multiplier": ("en", "one thousand troops and a dozen tanks", ["one thousand", "a dozen"]),
    "en_article_alone": ("en", "a man", []),
    "en_ordinal": ("en", "the twenty-first", []),
    "en_fraction": ("en", "two-thirds of", []),
    "en_compound_words": ("en", "seven hundred twenty-one thousand and twelve people",
                          ["seven hundred twenty-one thousand and twelve"]),
    "en_and_between_two_numbers": ("en", "between 300 and 400", ["300", "400"]),
    "en_two_scaled_numbers": ("en", "2 million and 3 million", ["2 million", "3 million"]),
    "en_percent_word": ("en", "up 5 percent", ["5 percent"]),
    "en_vague": ("en", "thousands of people, dozens of tanks, hundreds", []),
    "en_half_a_million": ("en", "half a million", ["half a million"]),
    "en_idiom_at_one_point": ("en", "at one point two men", []),
    "en_hyphenated_adjective": ("en", "a 10-year-old", []),
}


@pytest.mark.parametrize(("lang", "text", "expected"), IN_TEXT.values(), ids=IN_TEXT.keys())
def test_number_pattern_in_text(lang, text, expected):
    assert found(lang, text) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_number_pattern_has_no_quantifiers(lang):
    """Every repeat in a pattern costs the regex module set-up work at each position it tries:
    with the few hundred this grammar would need, scanning ran at 3 MB/s instead of 20."""
    assert not regex.search(r"(?<!\\)(?:[*+]|\{[0-9]|(?<![(])\?)", number_pattern(lang))


@pytest.mark.parametrize("lang", LANGS)
def test_number_pattern_embeds_in_a_larger_pattern(lang):
    combined = regex.compile(f"(?:oltre|more than) (?:{number_pattern(lang)})", regex.IGNORECASE)
    assert combined.groups == 0
    assert combined.search("oltre 10.000 soldati" if lang == "it" else "more than 10,000 troops")


# --- properties --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.sampled_from(LANGS))
def test_parse_number_never_raises(text, lang):
    value = parse_number(text, lang)
    assert value is None or math.isfinite(value)


def styled(integer: int, decimals: str, lang: str) -> str:
    """`integer` and its decimal digits written as a newspaper of `lang` would."""
    grouped = f"{abs(integer):,}"
    if lang == "it":
        grouped = grouped.replace(",", ".")
    mark = "," if lang == "it" else "."
    return ("-" if integer < 0 else "") + grouped + (mark + decimals if decimals else "")


@settings(deadline=None)
@given(st.integers(-10**15, 10**15), st.text("0123456789", max_size=4), st.sampled_from(LANGS))
def test_locale_formatted_numbers_round_trip(integer, decimals, lang):
    sign = "-" if integer < 0 else ""
    assert parse_number(styled(integer, decimals, lang), lang) == float(f"{sign}{abs(integer)}.{decimals or 0}")


def fragments(lang: str) -> list[str]:
    """Pieces that make text rich in numerals and near-numerals."""
    data = languages.load(lang).data["numbers"]
    words = [w for key in ("zero", "halves", "connectors", "decimal_words", "articles", "alone") for w in data[key]]
    words += [w for key in ("units", "teens", "tens", "hundreds", "scales", "dozens") for w in data[key]]
    return words + list(data["suffixes"]) + list(data["percent"]) + [
        "1", "21", "300", "2024", "1.000", "1,000", "2,5", "2.5", "1 000", "tremendo", "someone",
        "soldati", "troops", "novembre", "-", "−", ",", ".", "%", "'"]


@settings(max_examples=400, deadline=None)  # the first example builds the pattern
@given(st.data())
def test_every_match_of_the_pattern_parses(data):
    lang = data.draw(st.sampled_from(LANGS))
    pieces = data.draw(st.lists(st.sampled_from(fragments(lang)), min_size=1, max_size=10))
    glue = data.draw(st.lists(st.sampled_from(["", " ", "  ", "-", ", ", ". ", "\n", "\u00a0"]),
                              min_size=len(pieces), max_size=len(pieces)))
    text = "".join(p.upper() if i % 7 == 3 else p for i, p in enumerate(a + b for a, b in zip(pieces, glue)))
    for match in compiled(lang).finditer(text):
        assert parse_number(match.group(), lang) is not None, f"{match.group()!r} in {text!r}"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from(LANGS))
def test_every_match_in_arbitrary_text_parses(text, lang):
    for match in compiled(lang).finditer(text):
        assert parse_number(match.group(), lang) is not None, f"{match.group()!r} in {text!r}"
