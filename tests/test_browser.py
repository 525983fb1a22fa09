"""The seeds' brief in a real browser: desktop first screen, phone width, print page count.

Runs headless Chromium (Debian's ``chromium``; ``FACTCHECK_CHROMIUM`` names another binary). Where no
Chromium is installed these tests are skipped with that reason; ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck import generate_brief, render
from factcheck.render import i18n

SEEDS = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "seeds").glob("*.txt"))
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM") or next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no headless Chromium installed (apt-get install chromium; .ci/run does)"
    ),
]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]

# Headless Chromium lays a window out at least 500 px wide, so the page is measured in an iframe of
# the exact size; its figures are written on the frame page's <body> and read from --dump-dom.
FRAME = """<!DOCTYPE html><html><body style="margin:0"><iframe src="{src}" style="width:{w}px;height:{h}px;border:0"
onload="var d = this.contentDocument, e = d.documentElement, b = document.body;
var u = d.querySelector('#part-ar ul.bottom');
b.setAttribute('data-scroll-width', e.scrollWidth); b.setAttribute('data-client-width', e.clientWidth);
b.setAttribute('data-bottom-end', u ? Math.ceil(u.getBoundingClientRect().bottom) : -1);"></iframe></body></html>"""


def _chromium(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, *FLAGS, *args], capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "brief.html"
    out.write_text(render(generate_brief(SEEDS), format="html"), encoding="utf-8")
    return out


def _probe(html: Path, width: int, height: int = 900) -> dict[str, int]:
    frame = html.with_name(f"frame-{width}.html")
    frame.write_text(FRAME.format(src=html.name, w=width, h=height), encoding="utf-8")
    done = _chromium(
        "--allow-file-access-from-files", f"--window-size={width + 40},{height}", "--dump-dom", frame.as_uri()
    )
    m = re.search(
        r'<body [^>]*data-scroll-width="(\d+)" data-client-width="(\d+)" data-bottom-end="(-?\d+)"', done.stdout
    )
    assert m, f"no measurements in Chromium's DOM dump: {done.stderr[-500:]}"
    return {"scroll": int(m[1]), "client": int(m[2]), "bottom_end": int(m[3])}


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_desktop_first_screen_is_the_bottom_line(seeds_html: Path, tmp_path: Path) -> None:
    shot = tmp_path / "desktop.png"
    done = _chromium(f"--screenshot={shot}", "--window-size=1280,900", seeds_html.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000, done.stderr[-500:]
    m = _probe(seeds_html, 1280)
    assert m["scroll"] <= m["client"]
    assert 0 < m["bottom_end"] <= 900, "the bottom line does not fit the first 1280x900 screen"
    html = seeds_html.read_text(encoding="utf-8")
    ar = html[: html.index('id="part-en"')]
    first = ar[ar.index('<ul class="bottom">') : ar.index("</ul>", ar.index('<ul class="bottom">'))]
    assert first.count("<li>") >= 3  # both disputes and the differing versions
    assert "مصادر غير مسمّاة" in first and "أصل واحد" in first and "تنفي ذلك" in first


@pytest.mark.parametrize("width", [390, 360])
def test_phone_never_scrolls_sideways(seeds_html: Path, tmp_path: Path, width: int) -> None:
    m = _probe(seeds_html, width, 1600)
    assert m["scroll"] <= m["client"], f"{width} px wide: the page is {m['scroll']} px wide"
    if width == 390:
        shot = tmp_path / "phone.png"
        _chromium(f"--screenshot={shot}", f"--window-size={width},1600", seeds_html.as_uri())
        assert shot.exists()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_prints_in_a_handful_of_pages_with_no_heading_last_on_a_page(seeds_html: Path, paper: str) -> None:
    page = seeds_html.with_name(f"print-{paper}.html")
    sized = seeds_html.read_text(encoding="utf-8").replace("</style>", f"@page {{ size: {paper}; }}</style>", 1)
    page.write_text(sized, encoding="utf-8")
    pdf = page.with_suffix(".pdf")
    done = _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists(), done.stderr[-500:]
    n = _pages(pdf.read_bytes())
    assert 1 <= n <= 8, f"{paper}: {n} pages"
    if shutil.which("pdftotext") is None:
        return  # the page count is checked; stranded headings need poppler's pdftotext to be seen
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    keys = [k for k in i18n.LABELS if k.startswith("heading_")] + ["dropped", "failures", "title"]
    headings = {i18n.LABELS[k][lang] for k in keys for lang in ("ar", "en")}
    for number, body in enumerate(text.split("\f")[:-1], 1):
        lines = [x.strip() for x in body.splitlines() if x.strip()]
        last = re.sub(r"^\d+\.\s*", "", lines[-1]) if lines else ""
        assert last not in headings, f"{paper} page {number} ends with the heading {last!r}"
