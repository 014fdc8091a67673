"""The HTML report, opened in a real browser (headless Chromium) as an editor would open it.

Chromium is driven over its DevTools protocol through a pipe (--remote-debugging-pipe): no
extra package, no port. Each page is checked for console errors and network requests, its
findings and charts are counted, the filters are clicked, and a screenshot is kept in
reports/screenshots/ (seeds.png, corpus.png) and checked not to be blank.
Chromium is required: without it these tests fail and say how to install it, never skip.
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT

SCREENSHOTS = ROOT / "reports" / "screenshots"
VIEWPORT = (1280, 900)
ERROR_RED = (0xD9, 0x2D, 0x20)  # charts.COLOURS[error]: what a conflicting mark is drawn in
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--remote-debugging-pipe")


def chromium() -> str:
    """The browser to run: $FACTCHECK_CHROMIUM, else the first of Chromium's usual names on PATH."""
    names = [os.environ.get("FACTCHECK_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"]
    for name in filter(None, names):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("headless Chromium is needed for the HTML report tests and was not found on PATH: install it "
                "(Debian: `apt-get install -y chromium`; .ci/run does so) or set FACTCHECK_CHROMIUM to its path",
                pytrace=False)


class Browser:
    """Chromium over the DevTools protocol on a pipe: JSON messages ended by NUL, on fds 3 and 4."""

    def __init__(self, executable: str, profile: Path):
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def give_pipes():  # the browser reads commands on fd 3 and writes replies on fd 4
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.log = profile.parent / f"{profile.name}.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                            preexec_fn=give_pipes, pass_fds=(3, 4))
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive(time.monotonic() + timeout)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for n, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(n)
            self.events.append(self._receive(deadline))

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise AssertionError(f"Chromium did not answer in time; its log ends: {self._log_tail()}")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise AssertionError(f"Chromium exited (code {self.process.poll()}); its log ends: {self._log_tail()}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _log_tail(self) -> str:
        return " | ".join(self.log.read_text(errors="replace").splitlines()[-5:])

    def open(self, path: Path) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.send(f"{domain}.enable", session=session)
        width, height = VIEWPORT
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
        self.send("Page.navigate", {"url": path.resolve().as_uri()}, session)
        self.wait_for("Page.loadEventFired", session)
        return Page(self, session)

    def close(self) -> None:
        try:
            os.write(self._to_browser, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


class Page:
    def __init__(self, browser: Browser, session: str):
        self.browser, self.session = browser, session

    def evaluate(self, expression: str):
        result = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors this page has shown so far."""
        self.evaluate("0")  # collects the events sent before this reply
        out = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                out.append(f"exception: {params['exceptionDetails'].get('text')} "
                           f"{params['exceptionDetails'].get('exception', {}).get('description', '')}")
            elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                out.append(f"log: {params['entry']['text']} {params['entry'].get('url', '')}")
        return out

    def requests(self) -> list[str]:
        self.evaluate("0")
        return [e["params"]["request"]["url"] for e in self.browser.events
                if e.get("sessionId") == self.session and e["method"] == "Network.requestWillBeSent"]

    def screenshot(self, path: Path, full: bool) -> tuple[int, int]:
        """A PNG of the page (all of it, or the first screen) at `path`; returns its CSS size."""
        width, height = VIEWPORT
        if full:
            height = int(self.browser.send("Page.getLayoutMetrics", session=self.session)["cssContentSize"]["height"])
        shot = self.browser.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": full,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}, self.session)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return width, height


# ---------------------------------------------------------------- PNG reading, for the "not blank" checks


def png_pixels(data: bytes):
    """The pixels of an 8-bit RGB or RGBA PNG as a numpy array (height, width, channels)."""
    import numpy as np

    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, chunks, header = 8, [], None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and not interlace, f"unexpected PNG type {header}"
    size = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), dtype=np.uint8).reshape(height, width * size + 1)
    pixels = np.zeros((height, width * size), dtype=np.uint8)
    previous = np.zeros(width * size, dtype=np.uint8)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:]
        if kind == 0:
            row = line.copy()
        elif kind == 1:  # sub: a running sum along the row, per channel
            row = (np.cumsum(line.reshape(width, size), axis=0, dtype=np.uint64) % 256).astype(np.uint8).ravel()
        elif kind == 2:  # up
            row = line + previous
        else:  # average, paeth: each byte needs the one just decoded, so byte by byte
            row, up = bytearray(line.tobytes()), previous.tobytes()
            for i in range(width * size):
                left = row[i - size] if i >= size else 0
                if kind == 3:
                    row[i] = (row[i] + (left + up[i]) // 2) & 255
                    continue
                corner = up[i - size] if i >= size else 0
                p = left + up[i] - corner
                pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up[i] if pb <= pc else corner)) & 255
            row = np.frombuffer(bytes(row), dtype=np.uint8)
        pixels[y] = row
        previous = pixels[y]
    return pixels.reshape(height, width, size)[:, :, :3]


def colours_in(pixels, box: tuple[int, int, int, int] | None = None) -> dict[tuple[int, int, int], int]:
    """How many pixels of each colour there are, in `box` (x, y, width, height) or in all of them."""
    import numpy as np

    if box:
        x, y, w, h = box
        pixels = pixels[max(0, y):y + h, max(0, x):x + w]
    packed = pixels.reshape(-1, 3).astype(np.uint32) @ np.array([1 << 16, 1 << 8, 1], dtype=np.uint32)
    colours, counts = np.unique(packed, return_counts=True)
    return {(int(c) >> 16, (int(c) >> 8) & 255, int(c) & 255): int(n) for c, n in zip(colours, counts)}


def blank(pixels) -> bool:
    """True when one colour covers nearly everything, or too few colours show (no text was drawn)."""
    counts = colours_in(pixels)
    return max(counts.values()) > 0.98 * sum(counts.values()) or len(counts) < 16


def near(colour, target, tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target))


def png_of(rows: list[bytes], filters: bytes = b"\0\1\2\3\4") -> bytes:
    """An RGB PNG of `rows` (each the same length), its rows filtered in turn by each of `filters`'
    types, so the reader above is tested on every one."""
    width, height = len(rows[0]) // 3, len(rows)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    def filtered(kind: int, row: bytes, up: bytes) -> bytes:
        out = bytearray()
        for i, value in enumerate(row):
            left, above, corner = (row[i - 3] if i >= 3 else 0), up[i], (up[i - 3] if i >= 3 else 0)
            p = left + above - corner
            paeth = min((abs(p - left), 0, left), (abs(p - above), 1, above), (abs(p - corner), 2, corner))[2]
            predictor = (0, left, above, (left + above) // 2, paeth)[kind]
            out.append((value - predictor) & 255)
        return bytes([kind]) + bytes(out)

    raw, up = b"", bytes(len(rows[0]))
    for y, row in enumerate(rows):
        raw += filtered(filters[y % len(filters)], row, up)
        up = row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_png_reader_reads_every_filter_type():
    rows = [bytes((x * 7 + y * 13 + (x * y) % 5) % 256 for x in range(20 * 3)) for y in range(10)]
    pixels = png_pixels(png_of(rows))
    assert [pixels[y].tobytes() for y in range(10)] == rows


# ---------------------------------------------------------------- fixtures


def scan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", "scan", *args], capture_output=True, text=True,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    running = Browser(chromium(), tmp_path_factory.mktemp("chromium-profile"))
    yield running
    running.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """(an HTML report, its findings, every claim with the derived ones) for the seeds, as
    `factcheck scan seeds --format html` writes it, and for the test corpus, rendered in process."""
    from factcheck.api import extract
    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules
    from factcheck.render.formats import Run, records
    from factcheck.render.html import render_html

    folder, rules, out = tmp_path_factory.mktemp("html"), load_rules(), {}
    command = subprocess.Popen([sys.executable, "-m", "factcheck", "scan", "seeds", "--format", "html"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    for name, path in (("seeds", "seeds"), ("corpus", "tests/corpus")):  # meanwhile
        evaluation = evaluate(extract([ROOT / path], rules=rules), rules)
        out[name] = (folder / f"{name}.html", records(evaluation.findings), records(evaluation.claims))
        if name == "corpus":
            out[name][0].write_text(render_html(Run(evaluation.claims, evaluation.findings)), encoding="utf-8")
    page, errors = command.communicate(timeout=120)
    assert command.returncode == 1, errors  # an error on the seeds: the agreement's date
    out["seeds"][0].write_text(page, encoding="utf-8")
    return out


def charted(claims: list[dict]) -> set[tuple[str, str]]:
    """(metric, subject) of every figure group at more than one date: what must have a chart."""
    dates: dict[tuple[str, str], set] = {}
    for claim in claims:
        when = (claim["date_start"], claim["date_end"]) if claim["kind"] == "date" else claim["as_of"]
        key = (claim["metric"], claim["subject"] or "-")
        dates.setdefault(key, set())
        if when and not str(when).startswith("XXXX"):
            dates[key].add(when)
    return {key for key, seen in dates.items() if len(seen) > 1}


COUNTS = """({
  findings: document.querySelectorAll("article.finding").length,
  shown: Array.from(document.querySelectorAll("article.finding")).filter(e => !e.hidden).length,
  charts: document.querySelectorAll("figure.chart svg").length,
  chartKeys: Array.from(document.querySelectorAll("figure.chart")).map(e => [e.dataset.metric, e.dataset.subject]),
  marksPerChart: Array.from(document.querySelectorAll("figure.chart svg")).map(s => s.querySelectorAll(".mark").length),
  quotes: document.querySelectorAll("article.finding blockquote mark").length,
  scripts: document.scripts.length,
  images: document.images.length,
})"""


# ---------------------------------------------------------------- the seeds


def test_seed_report_opens_with_no_console_error_and_no_network(browser, reports):
    page = browser.open(reports["seeds"][0])
    assert page.problems() == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests()), page.requests()


def test_seed_report_shows_every_finding_with_its_quotes_and_the_agreement_chart(browser, reports):
    path, findings, claims = reports["seeds"]
    page = browser.open(path)
    counts = page.evaluate(COUNTS)
    assert counts["findings"] == counts["shown"] == len(findings) == 2
    assert counts["quotes"] >= 4  # each side's figure marked in its sentence (a derived one: each part)
    assert counts["charts"] == 1 and counts["chartKeys"] == [["agreement_signed", "north_korea+russia"]]
    assert counts["marksPerChart"] == [2]
    first = page.evaluate('document.getElementById("finding-1").innerText')
    assert "When was the agreement signed?" in first
    assert "lo scorso 6 novembre 2024" in first and "a giugno" in first
    assert "6 November 2024" in first and "June, year not stated" in first
    assert "004_78bea803d37818f1.txt:11" in first and "000_4a4e53d0ee22526a.txt:34" in first


def test_seed_screenshot_shows_the_june_vs_november_finding_and_its_chart(browser, reports):
    page = browser.open(reports["seeds"][0])
    target = SCREENSHOTS / "seeds.png"
    _, height = page.screenshot(target, full=True)
    pixels = png_pixels(target.read_bytes())
    assert not blank(pixels), f"{target} is blank"
    box = page.evaluate("""(() => { const r = e => { const b = document.querySelector(e).getBoundingClientRect();
        return [b.x, b.y + window.scrollY, b.width, b.height]; };
        return {finding: r("#finding-1"), chart: r("figure.chart svg")}; })()""")
    for name in ("finding", "chart"):
        x, y, w, h = box[name]
        assert w > 100 and h > 50 and y + h <= height, f"the {name} is not in the screenshot: {box[name]}"
    x, y, w, h = (int(v) for v in box["chart"])
    red = sum(n for colour, n in colours_in(pixels, (x, y, w, h)).items() if near(colour, ERROR_RED))
    assert red > 40, "the chart in the screenshot shows no mark in the error finding's colour"


def test_committed_seed_html_report_is_what_make_demo_writes(reports):
    assert reports["seeds"][0].read_text(encoding="utf-8") == (ROOT / "reports" / "seeds.html").read_text(
        encoding="utf-8"), "reports/seeds.html is stale: run `make demo` and commit it"


# ---------------------------------------------------------------- the test corpus: 64 articles


def test_corpus_report_has_every_finding_and_chart_and_no_console_error(browser, reports):
    path, findings, claims = reports["corpus"]
    page = browser.open(path)
    assert page.problems() == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests())
    counts = page.evaluate(COUNTS)
    assert counts["findings"] == counts["shown"] == len(findings) > 20
    expected = charted(claims)
    assert len(expected) > 10
    assert {tuple(key) for key in counts["chartKeys"]} == expected and counts["charts"] == len(expected)
    assert all(marks >= 2 for marks in counts["marksPerChart"])
    _, height = page.screenshot(SCREENSHOTS / "corpus.png", full=False)
    assert not blank(png_pixels((SCREENSHOTS / "corpus.png").read_bytes()))


def test_filters_hide_what_they_leave_out_and_show_all_brings_it_back(browser, reports):
    path, findings, _claims = reports["corpus"]
    page = browser.open(path)
    page.evaluate("""(() => { const box = document.querySelector("input[name=severity][value=error]");
        box.click(); })()""")
    assert page.evaluate(COUNTS)["shown"] == sum(1 for f in findings if f["severity"] != "error")
    page.evaluate("""(() => { const form = document.getElementById("filters"); form.reset();
        form.elements.metric.value = "troops"; form.dispatchEvent(new Event("change")); })()""")
    shown = page.evaluate("""Array.from(document.querySelectorAll("main [data-metric]")).filter(e => !e.hidden)
        .map(e => e.dataset.metric)""")
    assert shown and set(shown) == {"troops"}
    assert page.evaluate(COUNTS)["shown"] == sum(1 for f in findings if f["metric"] == "troops")
    assert page.evaluate('document.getElementById("shown").textContent').startswith(
        f"{sum(1 for f in findings if f['metric'] == 'troops')} of {len(findings)}")
    page.evaluate('document.querySelector("#filters button[type=reset]").click()')
    time.sleep(0.05)
    assert page.evaluate(COUNTS)["shown"] == len(findings)
    assert page.problems() == []


def test_article_text_is_shown_as_text_never_run(browser, tmp_path):
    from factcheck.api import extract
    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules
    from factcheck.render.formats import Run
    from factcheck.render.html import render_html

    for name, troops in (("a.txt", "10.000"), ("b.txt", "12.000")):
        (tmp_path / name).write_text(f'<script>alert(1)</script><img src="https://example.org/x.png"> '
                                     f"Sono stati inviati {troops} soldati nordcoreani.\n", encoding="utf-8")
    rules = load_rules()
    evaluation = evaluate(extract([tmp_path], rules=rules), rules)
    path = tmp_path / "report.html"
    path.write_text(render_html(Run(evaluation.claims, evaluation.findings)), encoding="utf-8")
    page = browser.open(path)
    counts = page.evaluate(COUNTS)
    assert counts["findings"] == 1 and counts["scripts"] == 1 and counts["images"] == 0
    assert "<script>alert(1)</script>" in page.evaluate('document.querySelector("article.finding").innerText')
    assert page.requests() == [path.resolve().as_uri()]


# ---------------------------------------------------------------- the checks themselves, and the file


def test_blank_check_tells_a_blank_screenshot_from_one_with_text():
    assert blank(png_pixels(png_of([b"\xff\xff\xff" * 64] * 48)))
    speckled = [bytes((x * 7 + y * 13) % 256 for x in range(64 * 3)) for y in range(48)]
    assert not blank(png_pixels(png_of(speckled)))


def test_html_report_is_self_contained_and_the_same_bytes_every_run(reports):
    text = reports["seeds"][0].read_text(encoding="utf-8")
    again = scan("seeds", "--format", "html").stdout
    assert text == again
    assert text.startswith("<!DOCTYPE html>") and text.count("<script>") == 1
    for remote in ("http:", "https:", "<link", "src=", "@import", "url("):
        assert remote not in text, remote


def test_write_charts_writes_each_chart_as_a_standalone_svg(tmp_path, seed_claims):
    import xml.etree.ElementTree as ET

    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules
    from factcheck.render.formats import Run
    from factcheck.render.html import write_charts

    evaluation = evaluate(seed_claims, load_rules())
    written = write_charts(Run(evaluation.claims, evaluation.findings), tmp_path / "charts")
    assert [(m, s, p.name) for m, s, p in written] == [
        ("agreement_signed", "north_korea+russia", "agreement_signed--north_korea+russia.svg")]
    root = ET.parse(written[0][2]).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    marks = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "mark"]
    assert [g.get("data-severity") for g in marks] == ["error", "error"]


QUANTITY = st.fixed_dictionaries({
    "source": st.sampled_from(["a.txt", "b<i>.md", "c&d.txt"]),
    "metric": st.sampled_from(["troops", "killed", "agreement_signed"]),
    "subject": st.sampled_from(["", "russia", "north_korea+russia"]),
    "low": st.one_of(st.none(), st.floats(0, 1e9)),
    "width": st.one_of(st.none(), st.floats(0, 1e6)),
    "qualifier": st.sampled_from(["exact", "approx", "at_least", "at_most", "range"]),
    "figure": st.text(max_size=20),
    "quote": st.text(max_size=80),
    "day": st.dates(),
    "days": st.integers(0, 400),
    "yearless": st.booleans(),
    "dated": st.booleans(),
})


@settings(max_examples=40, deadline=None)
@given(st.lists(QUANTITY, max_size=10))
def test_html_report_builds_for_arbitrary_claims(claims):
    import datetime

    import pandas as pd

    from factcheck.check.engine import evaluate
    from factcheck.check.ruleset import load_rules
    from factcheck.model import CLAIM_COLUMNS
    from factcheck.render.formats import Run
    from factcheck.render.html import render_html

    rows = []
    for n, c in enumerate(claims):
        row = dict.fromkeys(CLAIM_COLUMNS)
        is_date = c["metric"] == "agreement_signed"
        low = 0.0 if c["low"] is None else c["low"]
        high = None if c["width"] is None else low + c["width"]
        end = min(c["day"] + datetime.timedelta(days=c["days"]), datetime.date.max)
        start, end = c["day"].isoformat(), end.isoformat()
        if c["yearless"]:
            start, end = "XXXX" + start[4:], "XXXX" + end[4:]
        row.update(id=f"{c['source']}:{n + 1}:1", source=c["source"], metric=c["metric"], subject=c["subject"],
                   attribution="", as_of=c["day"].isoformat() if c["dated"] else "", kind="date" if is_date else "quantity",
                   value=None if is_date else low, low=None if is_date else low, high=None if is_date else high,
                   qualifier=c["qualifier"], figure=c["figure"], quote=c["quote"],
                   date_start=start if is_date else None, date_end=end if is_date else None,
                   start=0, end=1, line=n + 1, col=1, lang="it", count=1, offsets=[[0, 1]])
        rows.append(row)
    rules = load_rules()
    evaluation = evaluate(pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)), rules)
    run = Run(evaluation.claims, evaluation.findings)
    page = render_html(run)
    assert page == render_html(run)
    assert page.count("<svg") == page.count("</svg>") == page.count('<figure class="chart"')
    assert page.count('<article class="finding') == len(evaluation.findings)
    assert "<i>" not in page and "c&d" not in page  # names are escaped
