"""Findings -> one self-contained HTML page: summary, findings with their quotes, filters, charts.

    render_html(run) -> str        FORMATS["findings"]["html"]
    write_charts(run, folder)      the same charts as .svg files, for the Markdown report (see charts.py)

Everything is inline — styles, a little plain JavaScript for the filters, the charts as SVG — so
the file opens anywhere, is mailed or archived as one file, and asks the network for nothing. The
page reads in full with JavaScript off: the filters only hide. No clock time and no random ids:
the same inputs give the same bytes, as for the Markdown report.
"""
from __future__ import annotations

from html import escape

from factcheck.intervals import interval_text
from factcheck.model import Severity
from factcheck.render.chart_data import Chart, asserts_text, charts, open_ends
from factcheck.render.charts import chart_svg, write_charts
from factcheck.render.formats import Run, records

__all__ = ["render_html", "write_charts"]

QUOTE_CONTEXT = 220  # characters of the sentence kept on each side of the figure


def render_html(run: Run) -> str:
    """The whole report as one HTML document."""
    rows = {row["id"]: open_ends(row) for row in records(run.claims)}
    findings = records(run.findings) if run.findings is not None else []
    drawn = charts(run)
    chart_of = {(c.metric, c.subject): c for c in drawn}
    stated = [r for r in rows.values() if not r.get("derived")]
    title = f"factcheck report: {len(findings)} finding{'' if len(findings) == 1 else 's'}"
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
             '<header class="top">', "<h1>factcheck report</h1>", _run_facts(run.facts, stated, findings),
             _summary(findings), "</header>"]
    parts += _filters(findings, rows, drawn)
    parts += ['<main>', '<section id="findings">', "<h2>Findings</h2>"]
    if not findings:
        parts.append('<p class="none">No discrepancies found.</p>')
    else:
        parts.append('<p class="none" id="no-match" hidden>No finding matches the filters.</p>')
    for number, finding in enumerate(findings, 1):
        parts += _finding(number, finding, rows, chart_of.get((finding["metric"], finding["subject"] or "")))
    parts += ["</section>", '<section id="charts">', "<h2>Figures over time</h2>"]
    if drawn:
        parts.append('<p class="lede">Every metric and subject with figures at more than one date. Figures in a '
                     "finding are in its colour; hover over one for its quote, click it for its finding.</p>")
    else:
        parts.append('<p class="none">No metric has figures at more than one date.</p>')
    for chart in drawn:
        parts += _chart(chart, findings)
    parts += ["</section>", *_figures(rows), "</main>", f"<script>{SCRIPT}</script>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _run_facts(facts, stated: list[dict], findings: list[dict]) -> str:
    sources = list(getattr(facts, "sources", []) or [])
    skipped = list(getattr(facts, "skipped", []) or [])
    rules = list(getattr(facts, "rules", []) or [])
    numbers = [(len(sources), "sources read"), (len(skipped), "skipped"), (len(stated), "claims"),
               (len(rules), "rules"), (len(findings), "findings")]
    items = "".join(f"<li><b>{n:,}</b> {label}</li>" for n, label in numbers)
    seconds = getattr(facts, "seconds", None)
    if seconds is not None:
        items += f"<li><b>{seconds:.2f} s</b></li>"
    details = []
    if sources:
        details.append("<p><b>Sources:</b> " + ", ".join(f"<code>{escape(s)}</code>" for s in sources) + "</p>")
    for path, reason in skipped:
        details.append(f"<p><b>Skipped:</b> <code>{escape(str(path))}</code>: {escape(_line(reason))}</p>")
    if rules:
        details.append("<p><b>Rules:</b> " + ", ".join(f"<code>{escape(r)}</code>" for r in rules) + "</p>")
    more = f'<details class="facts-list"><summary>Sources and rules</summary>{"".join(details)}</details>' if details else ""
    return f'<ul class="facts">{items}</ul>{more}'


def _summary(findings: list[dict]) -> str:
    cells = []
    for severity in Severity:
        count = sum(1 for f in findings if f["severity"] == severity)
        plural = "s" if count != 1 and severity != Severity.INFO else ""
        cells.append(f'<li class="sev-{severity}{" zero" if not count else ""}"><b>{count}</b> {severity}{plural}</li>')
    return f'<ul class="summary" aria-label="findings by severity">{"".join(cells)}</ul>'


def _filters(findings: list[dict], rows: dict, drawn: list[Chart]) -> list[str]:
    """Severity boxes and metric and subject menus; the script hides what they leave out."""
    severities = []
    for severity in Severity:
        count = sum(1 for f in findings if f["severity"] == severity)
        severities.append(f'<label class="chip sev-{severity}"><input type="checkbox" name="severity" '
                          f'value="{severity}" checked> {severity} <span class="count">{count}</span></label>')
    metrics = sorted({r["metric"] for r in rows.values()} | {f["metric"] for f in findings} | {c.metric for c in drawn})
    subjects = sorted({r.get("subject") or "" for r in rows.values()} | {f["subject"] or "" for f in findings})
    metric_options = "".join(f'<option value="{escape(m)}">{escape(m)}</option>' for m in metrics)
    subject_options = "".join(f'<option value="{escape(_subject_key(s))}">{escape(_subject_name(s))}</option>'
                              for s in subjects)
    return ['<form id="filters" class="filters" aria-label="filters">',
            f'<fieldset><legend>Severity</legend>{"".join(severities)}</fieldset>',
            f'<label class="menu">Metric <select name="metric"><option value="">all</option>{metric_options}'
            "</select></label>",
            f'<label class="menu">About <select name="subject"><option value="">all</option>{subject_options}'
            "</select></label>",
            '<button type="reset">Show all</button>',
            f'<output id="shown" aria-live="polite">{len(findings)} of {len(findings)} findings shown</output>',
            "</form>"]


def _finding(number: int, finding: dict, rows: dict, chart: Chart | None) -> list[str]:
    severity = finding["severity"]
    subject = finding["subject"] or ""
    about = f" · about {escape(_subject_name(subject))}" if subject else ""
    out = [f'<article class="finding sev-{severity}" id="finding-{number}" data-severity="{severity}" '
           f'data-metric="{escape(finding["metric"])}" data-subject="{escape(_subject_key(subject))}">',
           f'<header><span class="badge sev-{severity}">{severity}</span>'
           f'<h3><a class="number" href="#finding-{number}">{number}.</a> {escape(finding["question"])}</h3></header>',
           f'<p class="meta"><code>{escape(finding["rule"])}</code> · {escape(finding["kind"])} · '
           f'{escape(finding["metric"])}{about}</p>',
           f'<p class="what">{escape(_line(_without_metric(finding)))}</p>']
    groups = finding["groups"] or [finding["claims"]]
    out.append(f'<div class="sides sides-{min(len(groups), 3)}">')
    for side, group in enumerate(groups):
        label = f"Side {chr(ord('A') + side)}" if len(groups) > 1 else "Figures"
        out.append(f'<section class="side"><h4>{label}</h4>')
        out += [_claim(rows[claim_id], rows, finding["lowered"]) for claim_id in group if claim_id in rows]
        out.append("</section>")
    out.append("</div>")
    if any(rows[c].get("derived") for c in finding["claims"] if c in rows):
        out.append('<p class="note">A figure marked <em>derived</em> is the sum of the source\'s own figures, '
                   "computed by a relation rule; its parts are marked in the quote.</p>")
    if finding["lowered"]:
        out.append(f'<p class="note">Reported as {severity}, one level below the rule\'s: the figures conflict only '
                   'when "more than N" or "up to N" is read as close to N, as journalists usually mean it.</p>')
    out.append(f'<p class="why"><b>Why it matters.</b> {escape(_line(finding["description"]))}</p>')
    if finding["suggestion"]:
        out.append(f'<p class="todo"><b>What to do.</b> {escape(_line(finding["suggestion"]))}</p>')
    if chart is not None:
        out.append(f'<p class="see"><a href="#chart-{escape(chart.slug)}">See these figures over time ↓</a></p>')
    out.append("</article>")
    return out


def _claim(row: dict, rows: dict, lowered: bool) -> str:
    facts = [f'<span class="asserts" title="asserts {escape(interval_text(row))}">{escape(asserts_text(row))}</span>']
    if lowered and row["kind"] == "quantity":
        closely = interval_text(_read_closely(row))
        if closely != interval_text(row):
            facts.append(f'<span class="closely" title="read as journalists usually mean it">read as '
                         f'{escape(closely)}</span>')
    if row.get("derived"):
        facts.append('<span class="tag">derived</span>')
    if row.get("attribution"):
        facts.append(f'<span class="tag">according to {escape(_line(row["attribution"]))}</span>')
    if row.get("as_of"):
        facts.append(f'<span class="tag">as of {escape(row["as_of"])}</span>')
    figures = [rows[p]["figure"] for p in (row.get("parts") or []) if p in rows] if row.get("derived") else []
    return (f'<div class="claim" data-claim="{escape(row["id"])}"><p class="figure">“{escape(_line(row["figure"]))}”'
            f' {" ".join(facts)}</p><blockquote>{_quote(row["quote"], figures or [row["figure"]])}</blockquote>'
            f'<p class="where"><code>{escape(row["source"])}:{row["line"]}</code></p></div>')


def _read_closely(row: dict) -> dict:
    """The row with the journalist's reading as its interval ("oltre 2.700" = 2,700–3,375)."""
    return open_ends(dict(row, low=row.get("read_low"), high=row.get("read_high")))


def _quote(quote: str, figures: list[str]) -> str:
    """The sentence, each figure marked, cut to a readable length around the first."""
    quote = _line(quote)
    spans, at = [], 0
    for figure in figures:
        figure = _line(figure)
        found = quote.find(figure, at) if figure else -1
        if found >= 0:
            spans.append((found, found + len(figure)))
            at = found + len(figure)
    if not spans:
        return escape(_cut(quote))
    begin = max(0, spans[0][0] - QUOTE_CONTEXT)
    end = min(len(quote), spans[-1][1] + QUOTE_CONTEXT)
    out, at = ["…" if begin else ""], begin
    for start, stop in spans:
        out += [escape(quote[at:start]), f"<mark>{escape(quote[start:stop])}</mark>"]
        at = stop
    out += [escape(quote[at:end]), "…" if end < len(quote) else ""]
    return "".join(out)


def _chart(chart: Chart, findings: list[dict]) -> list[str]:
    numbers = sorted({n for m in chart.marks for n in m.findings})
    involved = ""
    if numbers:
        links = ", ".join(f'<a href="#finding-{n}">#{n} {escape(findings[n - 1]["severity"])}</a>' for n in numbers)
        involved = f' <span class="involved">Findings: {links}</span>'
    dated = sum(1 for m in chart.marks if m.start is not None)
    count = f"{dated} figure{'s' if dated != 1 else ''}"
    if dated < len(chart.marks):
        count += f", {len(chart.marks) - dated} with no date"
    if chart.log_scale:
        count += ", log scale"
    return [f'<figure class="chart" id="chart-{escape(chart.slug)}" data-metric="{escape(chart.metric)}" '
            f'data-subject="{escape(_subject_key(chart.subject))}">',
            f"<figcaption><b>{escape(chart.title)}</b> <span class=\"count\">{count}</span>{involved}</figcaption>",
            '<div class="plot">' + chart_svg(chart, links=True).rstrip("\n") + "</div>", "</figure>"]


def _figures(rows: dict) -> list[str]:
    """Every figure in one table, closed by default: agreement is worth seeing too."""
    body = []
    for row in sorted(rows.values(), key=lambda r: (r["metric"], r.get("subject") or "", r["source"], r["start"])):
        body.append(f'<tr data-metric="{escape(row["metric"])}" data-subject="{escape(_subject_key(row.get("subject") or ""))}">'
                    f'<td><code>{escape(row["source"])}:{row["line"]}</code></td><td>{escape(row["metric"])}</td>'
                    f'<td>{escape(_subject_name(row.get("subject") or ""))}</td><td>{escape(_line(row["figure"]))}</td>'
                    f'<td>{escape(row["qualifier"])}</td><td class="num" title="{escape(interval_text(row))}">{escape(asserts_text(row))}</td>'
                    f'<td>{escape(_line(row.get("attribution") or ""))}</td><td>{escape(row.get("as_of") or "")}</td>'
                    f'<td>{"derived" if row.get("derived") else ""}</td><td class="num">{row["count"]}</td></tr>')
    head = "".join(f"<th>{h}</th>" for h in ("where", "metric", "about", "figure", "qualifier", "asserts",
                                             "according to", "as of", "derived", "times"))
    return ['<section id="figures">', '<details class="all-figures">',
            f"<summary><h2>All figures <span class=\"count\">{len(rows)}</span></h2></summary>",
            f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>',
            "</details>", "</section>"]


def _without_metric(finding: dict) -> str:
    """The summary without its leading "metric: ", which the card's header already says."""
    summary = finding.get("summary") or finding["message"]
    prefix = f"{finding['metric']}: "
    text = summary[len(prefix):] if summary.startswith(prefix) else summary
    return text[:1].upper() + text[1:]


def _subject_key(subject: str) -> str:
    return subject or "-"


def _subject_name(subject: str) -> str:
    return " and ".join(subject.split("+")) if subject else "(no subject named)"


def _line(text) -> str:
    return " ".join(str(text).split())


def _cut(text: str) -> str:
    return text if len(text) <= 2 * QUOTE_CONTEXT else text[:2 * QUOTE_CONTEXT] + "…"


STYLE = """
:root{--ink:#1d2939;--muted:#667085;--line:#eaecf0;--paper:#ffffff;--bg:#f5f6f8;
--error:#d92d20;--error-bg:#fef3f2;--warning:#dc6803;--warning-bg:#fffaeb;--info:#1570ef;--info-bg:#eff8ff}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{background:var(--bg)}
body{margin:0 auto;max-width:1100px;padding:24px 28px 64px;color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
h1{font-size:26px;margin:0 0 6px}
h2{font-size:20px;margin:32px 0 12px}
h3{font-size:18px;margin:0;display:inline}
h4{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 8px}
code{font:13px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
a{color:#175cd3}
.top{background:var(--paper);border:1px solid var(--line);border-radius:12px;padding:18px 22px}
.facts,.summary{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;color:var(--muted)}
.facts b{color:var(--ink)}
.facts-list{margin-top:8px;color:var(--muted);font-size:13px}
.facts-list p{margin:4px 0}
.summary{margin-top:14px;gap:10px}
.summary li{padding:4px 12px;border-radius:999px;font-weight:600}
.summary b{font-size:17px;margin-right:2px}
.summary .sev-error{background:var(--error-bg);color:var(--error)}
.summary .sev-warning{background:var(--warning-bg);color:var(--warning)}
.summary .sev-info{background:var(--info-bg);color:var(--info)}
.summary .zero{background:#f2f4f7;color:var(--muted)}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;align-items:center;gap:10px 16px;
margin:16px 0 0;padding:10px 16px;background:rgba(245,246,248,.96);border-bottom:1px solid var(--line)}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:8px;align-items:center}
.filters legend{float:left;margin-right:6px;color:var(--muted);font-size:13px}
.chip{display:inline-flex;align-items:center;gap:5px;padding:3px 10px;border-radius:999px;background:var(--paper);
border:1px solid var(--line);font-size:14px;cursor:pointer}
.chip .count{color:var(--muted);font-size:12px}
.chip.sev-error input{accent-color:var(--error)}
.chip.sev-warning input{accent-color:var(--warning)}
.chip.sev-info input{accent-color:var(--info)}
.menu{font-size:13px;color:var(--muted)}
.menu select{font:inherit;color:var(--ink);margin-left:4px;padding:3px 6px;border:1px solid var(--line);border-radius:6px;
background:var(--paper);max-width:220px}
.filters button{font:inherit;font-size:13px;padding:4px 12px;border:1px solid var(--line);border-radius:6px;
background:var(--paper);cursor:pointer}
#shown{margin-left:auto;color:var(--muted);font-size:13px}
.finding{background:var(--paper);border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:10px;
padding:16px 20px;margin:0 0 16px;scroll-margin-top:64px}
.finding.sev-error{border-left-color:var(--error)}
.finding.sev-warning{border-left-color:var(--warning)}
.finding.sev-info{border-left-color:var(--info)}
.finding header{display:flex;align-items:baseline;gap:10px}
.finding .number{color:var(--muted);text-decoration:none}
.badge{flex:none;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;padding:2px 8px;border-radius:6px;
position:relative;top:-2px}
.badge.sev-error{background:var(--error-bg);color:var(--error)}
.badge.sev-warning{background:var(--warning-bg);color:var(--warning)}
.badge.sev-info{background:var(--info-bg);color:var(--info)}
.meta{margin:4px 0 0;color:var(--muted);font-size:13px}
.what{margin:8px 0 12px}
.sides{display:grid;gap:14px}
.sides-2{grid-template-columns:1fr 1fr}
.sides-3{grid-template-columns:1fr 1fr 1fr}
@media (max-width:760px){.sides-2,.sides-3{grid-template-columns:1fr}}
.side{background:#f9fafb;border-radius:8px;padding:12px 14px}
.claim+.claim{border-top:1px solid var(--line);margin-top:10px;padding-top:10px}
.claim .figure{margin:0;font-weight:700;font-size:16px}
.asserts{font-weight:600;font-size:13px;color:var(--ink);background:#eef1f5;border-radius:5px;padding:1px 7px;
margin-left:4px;font-variant-numeric:tabular-nums;white-space:nowrap}
.closely,.tag{font-weight:400;font-size:12px;color:var(--muted);border:1px solid var(--line);border-radius:5px;padding:0 6px;
margin-left:2px;white-space:nowrap}
blockquote{margin:6px 0 4px;padding:0 0 0 10px;border-left:3px solid #d0d5dd;color:#344054;font-size:14px}
mark{background:#fde68a;color:inherit;padding:0 2px;border-radius:3px;font-weight:600}
.sev-error mark{background:#fecdca}
.where{margin:0;color:var(--muted)}
.note{font-size:13px;color:var(--muted);margin:10px 0 0}
.why,.todo{margin:10px 0 0;font-size:14px}
.see{margin:10px 0 0;font-size:14px}
.lede{color:var(--muted);margin-top:-4px}
.none{color:var(--muted)}
.chart{background:var(--paper);border:1px solid var(--line);border-radius:10px;margin:0 0 16px;padding:12px 16px;
scroll-margin-top:64px}
.chart figcaption{margin-bottom:6px}
.chart .count,.chart .involved,h2 .count{color:var(--muted);font-size:13px;font-weight:400;margin-left:6px}
.plot{overflow-x:auto}
.plot svg{display:block;max-width:100%;height:auto}
.plot .mark{cursor:pointer}
.plot a:hover .mark rect,.plot a:hover .mark circle,.plot a:hover .mark path{stroke-width:3}
.all-figures summary{cursor:pointer}
.all-figures summary h2{display:inline}
.table{overflow-x:auto;background:var(--paper);border:1px solid var(--line);border-radius:10px;margin-top:10px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f9fafb;font-weight:600;position:sticky;top:0}
td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
@media print{.filters{display:none}.finding,.chart{break-inside:avoid}details{display:block}}
"""

SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var items = Array.prototype.slice.call(document.querySelectorAll("main [data-metric]"));
  var findings = items.filter(function (el) { return el.classList.contains("finding"); });
  var shown = document.getElementById("shown");
  var noMatch = document.getElementById("no-match");
  function apply() {
    var severities = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=severity]"), function (box) {
      severities[box.value] = box.checked;
    });
    var metric = form.elements.metric.value, subject = form.elements.subject.value, count = 0;
    items.forEach(function (el) {
      var keep = (!el.dataset.severity || severities[el.dataset.severity]) &&
        (!metric || el.dataset.metric === metric) && (!subject || el.dataset.subject === subject);
      el.hidden = !keep;
      if (keep && el.classList.contains("finding")) { count += 1; }
    });
    shown.textContent = count + " of " + findings.length + " findings shown";
    if (noMatch) { noMatch.hidden = count > 0 || findings.length === 0; }
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
"""
