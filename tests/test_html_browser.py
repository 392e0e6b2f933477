"""The HTML edition in a real browser: Debian's chromium, driven by selenium through
chromium-driver, runs axe-core over the bundled build (WCAG 2.0, 2.1 and 2.2 A and AA: no
violations), and at 320 CSS pixels wide (a 1280 pixel window at 400% zoom) the page does not
scroll sideways (WCAG 1.4.10 Reflow): only a wide table scrolls, inside its own region.

axe-core 4.x comes from the npm registry (``.ci/run`` installs the pinned version into
``~/.cache/axe``); ``AXE_CORE_JS`` may name another copy of ``axe.min.js``. The tests skip only
when chromium or its driver is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundled_build import STEM, bundled_build

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE_VERSION = "4.14.1"
AXE_JS = Path(os.environ.get(
    "AXE_CORE_JS", Path.home() / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
    "chromium-driver; .ci/run installs them)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless chromium with a fresh profile, nothing fetched in the background."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                     "--hide-scrollbars", f"--user-data-dir={profile}",
                     "--window-size=1280,1024"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled build's HTML edition (written by ``assessment-doc build``)."""
    path = bundled_build(tmp_path_factory).project / "out" / f"{STEM}.html"
    assert path.is_file()
    return path


def viewport(driver: object, width: int, height: int = 900) -> None:
    """Lay the page out at ``width`` CSS pixels (the window's chrome does not count)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",  # type: ignore[attr-defined]
                           {"width": width, "height": height, "deviceScaleFactor": 1,
                            "mobile": False})


def run_axe(driver: object) -> dict[str, object]:
    """axe-core's results for the page loaded in ``driver``, at WCAG 2.2 AA."""
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is not installed at {AXE_JS}: run npm install --no-save --prefix "
                    f"~/.cache/axe axe-core@{AXE_VERSION} (as .ci/run does), or set AXE_CORE_JS")
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    return driver.execute_async_script(  # type: ignore[attr-defined,no-any-return]
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
        " resultTypes: ['violations']})"
        ".then(done).catch(error => done({error: String(error)}));",
        WCAG_AA)


def describe(violations: list[dict[str, object]]) -> str:
    """axe's violations, one a line, with where each is (for the failure message)."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — "
                     f"{len(nodes)} element(s)")  # type: ignore[arg-type]
        lines.extend(f"    {node['target']}: {node['failureSummary']}"  # type: ignore[index]
                     for node in nodes[:5])  # type: ignore[index]
    return "\n".join(lines)


def test_axe_finds_no_wcag_2_2_aa_violations(browser: object, page: Path) -> None:
    viewport(browser, 1280)
    browser.get(page.as_uri())  # type: ignore[attr-defined]
    results = run_axe(browser)
    assert "error" not in results, results
    assert results["testEngine"]["version"] == AXE_VERSION  # type: ignore[index]
    violations = results["violations"]
    assert violations == [], "axe-core found:\n" + describe(violations)  # type: ignore[arg-type]


def test_axe_does_find_what_is_wrong_on_a_broken_page(browser: object, tmp_path: Path) -> None:
    """The check can fail: a page with no language, an image without alt text and a table
    header with no text gives axe's violations for each."""
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><main>"
                      '<img src="data:image/png;base64,iVBORw0KGgo=">'
                      "<table><tr><th></th></tr><tr><td>1</td></tr></table></main></body></html>")
    browser.get(broken.as_uri())  # type: ignore[attr-defined]
    found = {violation["id"] for violation in run_axe(browser)["violations"]}  # type: ignore[union-attr]
    assert {"html-has-lang", "image-alt"} <= found, found


def test_axe_finds_none_at_320_pixels_either(browser: object, page: Path) -> None:
    viewport(browser, 320)
    browser.get(page.as_uri())  # type: ignore[attr-defined]
    violations = run_axe(browser)["violations"]
    assert violations == [], "axe-core found:\n" + describe(violations)  # type: ignore[arg-type]


def test_at_320_pixels_the_page_does_not_scroll_sideways(
    browser: object, page: Path, tmp_path: Path
) -> None:
    viewport(browser, 320, 640)
    browser.get(page.as_uri())  # type: ignore[attr-defined]
    measured = browser.execute_script(  # type: ignore[attr-defined]
        "const wide = [...document.querySelectorAll('main *')]"
        ".filter(e => e.getBoundingClientRect().right > innerWidth + 0.5"
        " && !e.closest('.table-scroll') && !e.closest('figure'))"
        ".slice(0, 5).map(e => e.tagName + ' ' + e.textContent.slice(0, 40));"
        "const tables = [...document.querySelectorAll('.table-scroll')];"
        "return {innerWidth, scrollWidth: document.documentElement.scrollWidth,"
        " bodyScrollWidth: document.body.scrollWidth, wide,"
        " scrolling: tables.filter(t => t.scrollWidth > t.clientWidth).length,"
        " tables: tables.length};")
    shot = tmp_path / "html-320.png"
    assert browser.save_screenshot(str(shot))  # type: ignore[attr-defined]
    print(f"screenshot at 320 px: {shot}; {json.dumps(measured)}")
    assert measured["innerWidth"] == 320
    assert measured["scrollWidth"] <= 320, measured
    assert measured["bodyScrollWidth"] <= 320, measured
    assert measured["wide"] == [], measured
    assert 0 < measured["scrolling"] < measured["tables"]  # the wide tables scroll, in place


def test_the_skip_link_is_the_first_stop_and_shows_when_focused(browser: object, page: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    viewport(browser, 1280)
    browser.get(page.as_uri())  # type: ignore[attr-defined]
    browser.find_element("tag name", "body").send_keys(Keys.TAB)  # type: ignore[attr-defined]
    focused = browser.switch_to.active_element  # type: ignore[attr-defined]
    assert focused.text == "Skip to the content"
    assert focused.rect["y"] >= 0  # moved on screen when focused
    focused.send_keys(Keys.ENTER)
    assert browser.execute_script("return location.hash") == "#main"  # type: ignore[attr-defined]
