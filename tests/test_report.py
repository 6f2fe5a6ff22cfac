"""The HTML report: its data, and the page in a real browser (Debian's chromium through Playwright)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from zhdoc.cli import app

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    db, page = str(folder / "t.db"), str(folder / "report.html")
    assert runner.invoke(app, ["add", str(CORPUS), "--db", db, "--jobs", "1"]).exit_code == 0
    assert runner.invoke(app, ["prefer", "Scaling Laws", "缩放定律", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["report", "--db", db, "-o", page, "--contexts", "5"])
    assert result.exit_code == 0, result.stderr
    return page


def embedded(page: str) -> dict:
    html = Path(page).read_text(encoding="utf-8")
    start = html.index('<script id="zhdoc-data" type="application/json">') + len(
        '<script id="zhdoc-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_report_is_self_contained_and_holds_the_termbase(report):
    html = Path(report).read_text(encoding="utf-8")
    assert "http://" not in html.split("<script id=")[0] and "<link" not in html and "src=" not in html
    data = embedded(report)
    assert len(data["documents"]) == 4
    scaling = next(c for c in data["concepts"] if c["english"] == "Scaling Laws")
    assert [(t["chinese"], t["status"]) for t in scaling["terms"]][:2] == [
        ("缩放定律", "preferred"),
        ("规模法则", "deprecated"),  # then by how often the text glosses them
    ]
    assert scaling["contested"] is False  # one rendering left in play
    first = scaling["terms"][0]
    assert first["uses"] == 4 and len(first["kwic"]) == 4
    assert all(k["match"] == "缩放定律" for k in first["kwic"])
    assert any(c["title"] == "Predictability and Surprise in Large Generative Models" for c in data["citations"])
    # a term glossed on the line that cites a paper is linked to it
    sycophancy = next(c for c in data["concepts"] if c["english"] == "Sycophancy")
    assert [data["citations"][i]["title"] for i in sycophancy["citations"]] == [
        "Discovering language model behaviors with model-written evaluations"
    ]


def _browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install chromium): browser test not run")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) is not installed")
    return sync_api


def test_report_in_a_browser(report):
    sync_api = _browser()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto("file://" + report)
            total = len(embedded(report)["concepts"])
            assert page.locator("#count").inner_text() == f"{total} of {total} concepts"
            page.fill("#search", "缩放")
            visible = page.locator("#glossary tr.concept:not(.hidden) td:first-child").all_inner_texts()
            assert visible == ["Scaling Laws"]
            assert page.locator("#count").inner_text() == f"1 of {total} concepts"
            page.click("#glossary tr.concept:not(.hidden)")
            lines = page.locator("tr.details .kwic-line").all_inner_texts()
            assert len(lines) >= 4 and all("缩放定律" in line or "扩展定律" in line or "定律" in line for line in lines)
            assert page.locator("tr.details .bar").count() == 5
            page.fill("#search", "")
            page.select_option("#status", "preferred")
            assert page.locator("#glossary tr.concept:not(.hidden) td:first-child").all_inner_texts() == [
                "Scaling Laws"
            ]
            page.select_option("#status", "")
            page.select_option("#kind", "person")
            kinds = page.locator("#glossary tr.concept:not(.hidden) td:nth-child(2)").all_inner_texts()
            assert kinds and set(kinds) == {"person"}
            assert errors == []
            assert all(url.startswith("file://") for url in requests)
        finally:
            browser.close()
