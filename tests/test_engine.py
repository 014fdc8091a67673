"""The rule engine: each kind on consistent and conflicting claims, boundaries included."""
from __future__ import annotations


import pandas as pd
import pytest

from factcheck.model import CLAIM_COLUMNS
from factcheck.check.engine import evaluate
from factcheck.model import FINDING_COLUMNS
from factcheck.check.ruleset import load_rules

RULES = load_rules()


def claim(source, metric, low=None, high=None, qualifier="exact", dates=None, line=1):
    """One claims-table row; `dates` = (start, end) ISO strings for a date claim."""
    row = dict.fromkeys(CLAIM_COLUMNS)
    kind = "date" if dates else "quantity"
    row.update(id=f"{source}:{line}:1", source=source, metric=metric, kind=kind, qualifier=qualifier,
               low=low, high=high, value=None if dates else low, figure=f"{metric} {low}-{high}",
               quote="q", start=0, end=1, line=line, col=1, lang="it", count=1, offsets=[[0, 1]])
    if dates:
        row["date_start"], row["date_end"] = dates
    return row


def findings(*rows, check):
    table = pd.DataFrame(list(rows), columns=list(CLAIM_COLUMNS))
    result = evaluate(table, RULES, [RULES.checks[check]]).findings
    assert tuple(result.columns) == FINDING_COLUMNS
    return result.to_dict("records")


# --- agree -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "expected"), [
    ((10000, 10000), (10000, 10000), None),          # the same figure
    ((10000, 11000), (11000, 12000), None),          # touching intervals share 11,000
    ((10000, 10999), (11000, 12000), "error"),       # one short of touching
    ((10000, None), (50000, 50000), "warning"),      # "more than 10,000" allows 50,000 only strictly
    ((9900, 12100), (12101, 12101), "error"),
])
def test_agree_boundaries(a, b, expected):
    result = findings(claim("a.txt", "troops", *a), claim("b.txt", "troops", *b), check="troops_agree")
    assert [f["severity"] for f in result] == ([expected] if expected else [])


def test_agree_conflict_only_under_the_close_reading_is_one_severity_lower():
    result = findings(claim("a.txt", "troops", 10000, None, "at_least"), claim("b.txt", "troops", 20000, 20000),
                      check="troops_agree")
    assert [(f["severity"], f["lowered"]) for f in result] == [("warning", True)]
    assert "close to" in result[0]["message"]


def test_agree_reports_groups_not_pairs():
    rows = [claim(f"s{i}.txt", "troops", 10000, 10000) for i in range(5)]
    rows += [claim(f"t{i}.txt", "troops", 20000, 20000) for i in range(5)]
    result = findings(*rows, check="troops_agree")
    assert len(result) == 1
    assert sorted(map(len, result[0]["groups"])) == [5, 5] and len(result[0]["sources"]) == 10


def test_agree_ignores_a_single_source():
    assert findings(claim("a.txt", "troops", 1, 1), claim("a.txt", "troops", 9, 9, line=2), check="troops_agree") == []


def test_agree_groups_by_metric():
    result = findings(claim("a.txt", "killed", 300, 300), claim("b.txt", "wounded", 3000, 3000), check="tolls_agree")
    assert result == []


# --- same_date -------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "conflict"), [
    (("XXXX-06-01", "XXXX-06-30"), ("2024-11-06", "2024-11-06"), True),   # year-less June never holds 6 Nov
    (("XXXX-06-01", "XXXX-06-30"), ("2024-06-19", "2024-06-19"), False),  # but holds 19 June of any year
    (("2024-06-01", "2024-06-30"), ("2024-06-30", "2024-06-30"), False),  # last day of the month
    (("2024-06-01", "2024-06-30"), ("2024-07-01", "2024-07-01"), True),   # the day after
    (("2024-01-01", "2024-12-31"), ("2024-11-06", "2024-11-06"), False),  # a year holds its days
    (("XXXX-02-29", "XXXX-02-29"), ("2024-02-29", "2024-02-29"), False),
])
def test_same_date_boundaries(a, b, conflict):
    result = findings(claim("a.txt", "agreement_signed", dates=a), claim("b.txt", "agreement_signed", dates=b),
                      check="agreement_date")
    assert bool(result) is conflict
    if conflict:
        assert result[0]["severity"] == "error"


# --- relation --------------------------------------------------------------------------------

def test_relation_within_a_source():
    rows = [claim("a.txt", "troops", 1000, 1000), claim("a.txt", "killed", 800, 800, line=2),
            claim("a.txt", "wounded", 900, 900, line=3)]
    result = findings(*rows, check="tolls_within_troops")
    assert [f["sources"] for f in result] == [["a.txt"]]
    rows[0]["low"] = rows[0]["high"] = 1700  # 800 + 900 <= 1,700 exactly: holds
    assert findings(*rows, check="tolls_within_troops") == []


def test_relation_needs_every_metric_in_the_source():
    rows = [claim("a.txt", "troops", 1000, 1000), claim("b.txt", "killed", 800, 800),
            claim("b.txt", "wounded", 900, 900, line=2)]
    assert findings(*rows, check="tolls_within_troops") == []


def test_derived_losses_take_part_in_cross_source_checks():
    """002's about 300 killed and more than 2,700 wounded against 004's about half of 11,000."""
    rows = [claim("002.txt", "killed", 270, 330, "approx"), claim("002.txt", "wounded", 2700, None, "at_least", line=2),
            claim("004.txt", "casualties", 4950, 6050, "fraction")]
    table = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    result = evaluate(table, RULES).findings.to_dict("records")
    tolls = [f for f in result if f["rule"] == "tolls_agree"]
    assert [(f["severity"], f["derived"], f["lowered"]) for f in tolls] == [("warning", True, True)]
    assert "002.txt:derived:casualties" in tolls[0]["claims"]


def test_evaluate_does_not_modify_its_input():
    table = pd.DataFrame([claim("a.txt", "troops", 1, None, "at_least")], columns=list(CLAIM_COLUMNS))
    before = table.copy()
    evaluate(table, RULES)
    pd.testing.assert_frame_equal(table, before)


# --- range -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("low", "high", "flagged"), [
    (5_000_000, 5_000_000, False), (5_000_001, 5_000_001, True), (1, 1, False), (0, 0, True),
    (4_000_000, None, False),
])
def test_range_bounds(low, high, flagged):
    assert bool(findings(claim("a.txt", "troops", low, high), check="counts_plausible")) is flagged


def test_findings_are_deterministic():
    rows = [claim(f"s{i}.txt", "troops", 1000 * (i % 3 + 1), 1000 * (i % 3 + 1)) for i in range(30)]
    rows += [claim("x.txt", "agreement_signed", dates=("2024-06-01", "2024-06-30")),
             claim("y.txt", "agreement_signed", dates=("2024-11-06", "2024-11-06"))]
    table = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    first = evaluate(table, RULES).findings
    again = evaluate(table.sample(frac=1, random_state=3), RULES).findings
    pd.testing.assert_frame_equal(first, again)
    assert set(first["reason"]) == {"conflict", "dates_conflict"}  # the troops and the signing date


def test_where_filters_select_claims(rules_copy):
    rules_dir = rules_copy
    (rules_dir / "checks" / "recent_dates.yaml").write_text(
        "kind: same_date\nseverity: error\nmetrics: [agreement_signed]\ndescription: only 2024 signings\n"
        "where: {from: 2024-01-01, to: 2024-12-31, sources: ['*.txt'], languages: [it]}\n", encoding="utf-8")
    rules = load_rules(rules_dir)
    rows = [claim("a.txt", "agreement_signed", dates=("2024-06-01", "2024-06-30")),
            claim("b.txt", "agreement_signed", dates=("2023-11-06", "2023-11-06")),
            claim("c.md", "agreement_signed", dates=("2024-11-06", "2024-11-06"))]
    table = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    assert evaluate(table, rules, [rules.checks["recent_dates"]]).findings.empty  # b out of window, c not .txt
    rows[2]["source"] = "c.txt"
    rows[2]["id"] = "c.txt:1:1"
    table = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    assert len(evaluate(table, rules, [rules.checks["recent_dates"]]).findings) == 1


def quote_rules(rules_dir, pattern: str):
    (rules_dir / "checks" / "kiev_only.yaml").write_text(
        "kind: agree\nseverity: error\nmetrics: [troops]\ndescription: only figures attributed to Kiev\n"
        f"where:\n  quote: '{pattern}'\n", encoding="utf-8")
    return load_rules(rules_dir)


def test_where_quote_selects_by_sentence(rules_copy):
    rules = quote_rules(rules_copy, "secondo kiev")
    rows = [claim("a.txt", "troops", 10000, 10000), claim("b.txt", "troops", 20000, 20000)]
    rows[0]["quote"] = rows[1]["quote"] = "Secondo Kiev i soldati sono molti."
    table = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    assert len(evaluate(table, rules, [rules.checks["kiev_only"]]).findings) == 1
    table.loc[1, "quote"] = "Secondo Mosca i soldati sono molti."
    assert evaluate(table, rules, [rules.checks["kiev_only"]]).findings.empty


def test_a_runaway_rule_regex_is_stopped_and_named(rules_copy):
    from factcheck.errors import FactcheckError

    rules = quote_rules(rules_copy, "(?:a|aa)*$")
    rows = [claim("a.txt", "troops", 1, 1), claim("b.txt", "troops", 2, 2)]
    rows[0]["quote"] = "a" * 5000 + "!"
    with pytest.raises(FactcheckError, match=r"kiev_only.yaml:6: the `where: quote:` pattern of check 'kiev_only'"):
        evaluate(pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)), rules, [rules.checks["kiev_only"]])


def test_an_invalid_rule_regex_is_a_load_error(rules_copy):
    from factcheck.errors import FactcheckError

    with pytest.raises(FactcheckError, match=r"kiev_only.yaml:6:10: invalid regular expression"):
        quote_rules(rules_copy, "(unclosed")


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_derived_total_with_no_place_or_population_beside_claims_that_name_them(missing):
    """A unit whose places and populations are all missing, in a table where other claims name one:
    its derived total names neither (this was a TypeError joining NaN into the id)."""
    rows = [claim("a.txt", "killed", 300, 300), claim("a.txt", "wounded", 2700, 2700, line=2),
            claim("b.txt", "killed", 10, 10), claim("b.txt", "wounded", 20, 20, line=2)]
    for row in rows[:2]:
        row["place"] = row["population"] = missing
    for row in rows[2:]:
        row["place"], row["population"] = "kursk", "military"
    claims = evaluate(pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)), RULES).claims
    derived = claims.loc[claims["derived"], ["id", "low", "high"]].to_dict("records")
    assert derived == [{"id": "a.txt:derived:casualties", "low": 3000.0, "high": 3000.0},
                       {"id": "b.txt:derived:casualties:kursk:military", "low": 30.0, "high": 30.0}]
