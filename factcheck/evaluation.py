"""`factcheck eval GOLD`: the extractor and the rules scored against an editor's gold annotations.

A gold file (YAML) lists articles beside it and, for each, every figure an editor would table:

    articles:
      it_2025-01-13_seul-perdite.md:
        split: tune                      # tune | holdout: score one part with --split
        published: 2025-01-13            # optional: the date of an article whose file states none (.txt)
        figures:
          - {id: k1, metric: killed, text: "almeno 300", start: 412, end: 422, value: 300,
             qualifier: at_least, low: 300, high: null, subject: north_korea, attribution: south_korea}
          - {id: d1, metric: agreement_signed, text: "il 19 giugno", start: 980, end: 992,
             date: [2024-06-19, 2024-06-19]}
          - {text: "10.000 tifosi", start: 1500, end: 1513, none: true}      # not a figure of ours
          - {id: t2, metric: troops, ..., optional: true}                   # neither missed nor false
    conflicts:
      - {a: it_2025-01-13_seul-perdite.md#k1, b: en_2025-02-10_x.md#k2, expect: conflict}  # | agree | different

A claim matches a gold figure when its file and metric are the same and their character spans
overlap. It is *correct* when its interval (or date span) and qualifier are the gold's too: recall
and precision count correct figures only, so a figure with the wrong value is both a miss and a
false figure. Conflicts: a `conflict` pair is found when a finding sets its two claims on different
sides; an error-severity finding between a pair marked `agree` or `different` is a false alarm.
A gold subject or attribution that is a name of a rule set actor or source ("rsf", "united nations")
is read as its id (rapid_support_forces, un); a subject of several actors is the same in any order.
"""
from __future__ import annotations

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.decoding import decode, read_bytes
from factcheck.errors import FactcheckError, RuleFileError
from factcheck.yamlfile import load_yaml

EXPECTATIONS = ("conflict", "agree", "different")
SPLITS = ("tune", "holdout")


@dataclass
class GoldFigure:
    file: str
    id: str
    metric: str | None
    text: str
    start: int
    end: int
    line: int  # of the gold file, for messages
    data: dict
    none: bool = False
    optional: bool = False


@dataclass
class Score:
    """Counts per metric, and the misses and false figures behind them."""

    gold: Counter = field(default_factory=Counter)       # metric -> figures to find
    correct: Counter = field(default_factory=Counter)    # metric -> found with the right value
    found: Counter = field(default_factory=Counter)      # metric -> claims made (matched or not)
    subjects: Counter = field(default_factory=Counter)   # right / judged
    qualifiers: Counter = field(default_factory=Counter)
    attributions: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    mislabelled: list[str] = field(default_factory=list)  # right figure, wrong subject or attribution
    false: list[str] = field(default_factory=list)
    conflicts: Counter = field(default_factory=Counter)  # expected kind -> pairs; "found", "false_error"
    conflict_notes: list[str] = field(default_factory=list)
    articles: int = 0


def gold_files(names: list[str]) -> list[Path]:
    """The gold files named: a file as it is, a folder's gold.yaml files at any depth."""
    paths = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            paths += sorted(path.rglob("gold.yaml"))
        elif path.is_file():
            paths.append(path)
        else:
            raise FactcheckError(f"{path}: no such gold file or folder")
    if not paths:
        raise FactcheckError(f"{', '.join(names)}: no gold.yaml files found")
    return paths


def evaluate_gold(paths: list[Path], rules, split: str | None = None) -> Score:
    """Score extraction (and the checks) on every article of the gold files."""
    from factcheck.check.engine import evaluate
    from factcheck.documents import read_documents
    from factcheck.extraction import claims_table

    score = Score()
    for gold_path in paths:
        articles, pairs = load_gold(gold_path)
        chosen = {name: spec for name, spec in articles.items() if split is None or spec["split"] == split}
        documents = []
        for name in sorted(chosen):
            read, skipped = read_documents([gold_path.parent / name], published=chosen[name]["published"])
            if skipped or not read:
                raise FactcheckError(f"{gold_path}: article {name}: " + (skipped[0].reason if skipped else "not read"))
            documents += read
        score.articles += len(documents)
        table = claims_table(documents, rules)
        claim_of = _score_figures(table, chosen, gold_path, score, _source_ids(rules))
        if pairs:
            findings = evaluate(table, rules).findings
            _score_conflicts(pairs, chosen, claim_of, findings, gold_path, score)
    return score


def load_gold(path: Path) -> tuple[dict, list[dict]]:
    """The articles and conflict pairs of a gold file; a malformed entry names its line."""
    doc = load_yaml(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    if not isinstance(data.get("articles"), dict):
        raise RuleFileError(path, 1, "a gold file needs `articles:`, a mapping of file names to their figures")
    articles = {}
    for name, spec in data["articles"].items():
        if not isinstance(spec, dict) or spec.get("split") not in SPLITS or not isinstance(spec.get("figures", []), list):
            raise doc.error(("articles", name), f"article {name!r} needs `split: tune|holdout` and a `figures:` list")
        figures = []
        for index, entry in enumerate(spec.get("figures") or []):
            keys = ("articles", name, "figures", index)
            if not isinstance(entry, dict) or not isinstance(entry.get("start"), int) or not isinstance(entry.get("end"), int):
                raise doc.error(keys, "a figure needs `start:` and `end:` character offsets")
            if not entry.get("none") and not entry.get("metric"):
                raise doc.error(keys, "a figure needs `metric:` (or `none: true` for a mention that is no figure)")
            figures.append(GoldFigure(name, str(entry.get("id", index)), entry.get("metric"), str(entry.get("text", "")),
                                      entry["start"], entry["end"], doc.line(*keys) or 0, entry,
                                      bool(entry.get("none")), bool(entry.get("optional"))))
        published = spec.get("published")
        if published is not None and not isinstance(published, datetime.date):
            raise doc.error(("articles", name, "published"), f"published must be a date like 2024-11-06, got {published!r}")
        articles[name] = {"split": spec["split"], "figures": figures, "published": published}
    pairs = []
    for index, pair in enumerate(data.get("conflicts") or []):
        if not isinstance(pair, dict) or pair.get("expect") not in EXPECTATIONS or "#" not in str(pair.get("a", "")) \
                or "#" not in str(pair.get("b", "")):
            raise doc.error(("conflicts", index), "a pair is {a: FILE#ID, b: FILE#ID, expect: conflict|agree|different}")
        pairs.append({**pair, "line": doc.line("conflicts", index) or 0})
    return articles, pairs


def _source_ids(rules) -> dict[str, str]:
    """A source's or actor's names in the rule set -> its id: a gold that writes "united nations" or
    "rsf" and a claim that says un or rapid_support_forces name one (rules/sources/, rules/actors/)."""
    return {" ".join(name.lower().split()): known.name for known in [*rules.actors.values(), *rules.sources.values()]
            for names in known.names.values() for name in names}


def _score_figures(table, articles: dict, gold_path: Path, score: Score,
                   source_ids: dict[str, str]) -> dict[tuple[str, str], str]:
    """Count every claim against the gold; returns (file, gold id) -> the claim id that found it."""
    mentions: dict[str, list[dict]] = {}
    for row in table.to_dict("records"):
        for start, end in row["offsets"]:
            mentions.setdefault(row["source"], []).append({**row, "start": start, "end": end})
    claim_of = {}
    for name, spec in sorted(articles.items()):
        figures = spec["figures"]
        used = set()
        for mention in sorted(mentions.get(name, []), key=lambda m: m["start"]):
            here = [g for g in figures if g.start < mention["end"] and mention["start"] < g.end]
            same = [g for g in here if g.metric == mention["metric"] and not g.none]
            gold = next((g for g in same if id(g) not in used), same[0] if same else None)
            if gold is not None and gold.optional:
                used.add(id(gold))
                claim_of[(name, gold.id)] = mention["id"]
                continue
            score.found[mention["metric"]] += 1
            where = f"{gold_path.parent / name}:{mention['line']}"
            if gold is None:
                what = "not a figure" if any(g.none for g in here) else \
                    f"it is {here[0].metric}" if here and here[0].metric else "not in the gold"
                score.false.append(f"{where}: {mention['metric']} {mention['figure']!r} ({what})")
                continue
            used.add(id(gold))
            claim_of[(name, gold.id)] = mention["id"]
            if _same_reading(mention, gold.data):
                score.correct[mention["metric"]] += 1
                used.add(("correct", id(gold)))
            else:
                score.false.append(f"{where}: {mention['metric']} {mention['figure']!r} reads "
                                   f"{_reading(mention)}, the gold says {_gold_reading(gold.data)}")
            for label, counter in (("subject", score.subjects), ("attribution", score.attributions)):
                expected = gold.data.get(label)
                got = mention.get(label)
                if label == "attribution" and expected:
                    expected = source_ids.get(" ".join(str(expected).lower().split()), expected)
                elif label == "subject" and expected and got:  # "thailand+cambodia" is "cambodia+thailand"
                    expected = "+".join(sorted(source_ids.get(part, part) for part in str(expected).split("+")))
                    got = "+".join(sorted(got.split("+")))
                if not _judge(counter, got, expected):
                    score.mislabelled.append(f"{where}: {label} of {mention['figure']!r} is {mention.get(label)!r}, "
                                             f"the gold says {gold.data.get(label)!r}")
            if gold.data.get("date") is None:
                _judge(score.qualifiers, mention["qualifier"], gold.data.get("qualifier"))
        file_text = None  # the article as a file, read once and only when a figure of it was missed
        for gold in figures:
            if gold.none or gold.optional:
                continue
            score.gold[gold.metric] += 1
            if ("correct", id(gold)) not in used:
                if file_text is None:
                    file_text = decode(read_bytes(gold_path.parent / name))[0]
                line = file_text.count("\n", 0, gold.start) + 1
                score.misses.append(f"{gold_path.parent / name}:{line}: {gold.metric} {gold.text!r} "
                                    f"= {_gold_reading(gold.data)}" + ("" if id(gold) not in used else " (misread)"))
    return claim_of


def _judge(counter: Counter, got, expected) -> bool:
    """Count one judgement; False when it is wrong."""
    if expected is None:
        return True
    right = (got or "") == (expected or "")
    counter["judged"] += 1
    counter["right"] += right
    return right


def _same_reading(claim: dict, gold: dict) -> bool:
    if gold.get("date") is not None:
        return [claim.get("date_start"), claim.get("date_end")] == [_iso(d) for d in gold["date"]]
    if claim.get("qualifier") != gold.get("qualifier"):
        return False
    return all(_close(claim.get(key), gold.get(key)) for key in ("low", "high")) or \
        (_close(claim.get("value"), gold.get("value")) and gold.get("low") is None and gold.get("high") is None)


def _close(a, b) -> bool:
    a = None if a is None or (isinstance(a, float) and math.isnan(a)) else float(a)
    b = None if b is None else float(b)
    return a == b or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6))


def _reading(claim: dict) -> str:
    from factcheck.intervals import interval_text

    return f"{claim['qualifier']} {interval_text(claim)}"


def _gold_reading(gold: dict) -> str:
    if gold.get("date") is not None:
        start, end = (_iso(d) for d in gold["date"])
        return start if start == end else f"{start}..{end}"
    return _reading({"kind": "quantity", "qualifier": gold.get("qualifier"), "low": gold.get("low"),
                     "high": gold.get("high"), "date_start": None, "date_end": None})


def _iso(day) -> str:
    return day.isoformat() if isinstance(day, datetime.date) else str(day)


def _score_conflicts(pairs, articles, claim_of, findings, gold_path: Path, score: Score) -> None:
    sides = {}  # claim id -> [(finding index, side index, severity)]
    for n, finding in enumerate(findings.to_dict("records")):
        for side, group in enumerate(finding["groups"]):
            for claim in group:
                sides.setdefault(claim, []).append((n, side, finding["severity"], finding["rule"]))
    for pair in pairs:
        (file_a, id_a), (file_b, id_b) = (str(pair[k]).split("#", 1) for k in ("a", "b"))
        if file_a not in articles or file_b not in articles:
            continue  # the other split
        expect = pair["expect"]
        score.conflicts[expect] += 1
        a, b = claim_of.get((file_a, id_a)), claim_of.get((file_b, id_b))
        apart = [(sa[3], sa[2]) for sa in sides.get(a, []) for sb in sides.get(b, [])
                 if sa[0] == sb[0] and sa[1] != sb[1]] if a and b and a != b else []
        where = f"{gold_path}:{pair['line']}"
        if expect == "conflict":
            if apart:
                score.conflicts["found"] += 1
            else:
                why = "a claim was not extracted" if not (a and b) else "no finding sets them apart"
                score.conflict_notes.append(f"{where}: missed conflict {pair['a']} vs {pair['b']} ({why})")
        elif any(severity == "error" for _rule, severity in apart):
            score.conflicts["false_error"] += 1
            score.conflict_notes.append(f"{where}: error finding on a pair that is {expect}: "
                                        f"{pair['a']} vs {pair['b']}")


def report(score: Score, show: int) -> str:
    """The scores as an editor reads them: a table per metric, then the misses and false figures."""
    from tabulate import tabulate

    rows = []
    metrics = sorted(set(score.gold) | set(score.found))
    for metric in [*metrics, None]:
        gold = sum(score.gold.values()) if metric is None else score.gold[metric]
        correct = sum(score.correct.values()) if metric is None else score.correct[metric]
        found = sum(score.found.values()) if metric is None else score.found[metric]
        rows.append([metric or "all", gold, found, correct, _ratio(correct, gold), _ratio(correct, found)])
    lines = [f"{score.articles} articles", "",
             tabulate(rows, headers=["metric", "gold", "claimed", "correct", "recall", "precision"],
                      tablefmt="github", disable_numparse=True), ""]
    for label, counter in (("subject", score.subjects), ("qualifier", score.qualifiers),
                           ("attribution", score.attributions)):
        lines.append(f"{label} accuracy: {_ratio(counter['right'], counter['judged'])} "
                     f"({counter['right']}/{counter['judged']} matched figures)")
    if score.conflicts:
        lines.append(f"conflicts found: {score.conflicts['found']}/{score.conflicts['conflict']}; error findings on "
                     f"pairs that agree or differ: {score.conflicts['false_error']}/"
                     f"{score.conflicts['agree'] + score.conflicts['different']}")
    for title, items in (("missed", score.misses), ("false or misread", score.false),
                         ("wrong subject or attribution", score.mislabelled), ("conflicts", score.conflict_notes)):
        if items:
            lines += ["", f"{title} ({len(items)}):"] + [f"  {item}" for item in items[:show]]
            if len(items) > show:
                lines.append(f"  ... {len(items) - show} more (--show N)")
    return "\n".join(lines) + "\n"


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


def recall_precision(score: Score) -> tuple[float, float]:
    correct = sum(score.correct.values())
    gold, found = sum(score.gold.values()), sum(score.found.values())
    return (correct / gold if gold else 1.0), (correct / found if found else 1.0)
