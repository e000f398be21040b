"""The HTML digest as a reader sees it: rendered by a real headless Chromium (Debian's ``chromium``;
``.ci/run`` installs it with ``fonts-noto-cjk``), on a phone-sized and a desktop-sized viewport.

The 45 articles of ../shared/corpus are ingested into a temporary SQLite store with the plain ingest
steps (no Prefect), and the digest of everything is loaded in Chromium with a small measuring script
appended (the digest itself carries no script). The page must never be wider than the viewport
(long URLs wrap) and the summary — counts, the table by province, the largest amounts, contents —
must end within a few screens (500 px is the narrowest window headless Chromium makes,
about a narrow mail client's reading pane). Skips, saying why, without Chromium or without ../shared.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import shared_dir

from digests.render import RenderOptions, render_html
from flows.steps import local_locations, parse_docs, read_local, store_batch
from store import Store

SCREENS = 3  # the summary ends within this many screens, in a narrow window too
MEASURE = """<script>
window.addEventListener("load", () => {
  const s = document.getElementById("summary").getBoundingClientRect();
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({
    innerWidth: window.innerWidth, innerHeight: window.innerHeight,
    scrollWidth: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight,
    summaryBottom: s.bottom + window.scrollY,
    cjkFont: document.fonts.check('16px "Noto Sans CJK SC"'),
  });
  document.body.appendChild(out);
});
</script>"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine: apt-get install -y chromium fonts-noto-cjk (.ci/run does)")


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML digest of the 45-article corpus, with the measuring script, as a file."""
    articles = shared_dir("corpus", "articles")
    tmp = tmp_path_factory.mktemp("chromium")
    db = f"sqlite:///{tmp / 'pw.db'}"
    docs, failures = read_local(local_locations([str(articles)]))
    parsed, parse_failures = parse_docs(docs)
    store_batch(db, parsed, failures + parse_failures)
    with Store(db) as store:
        items = store.pending("chromium-test")
    assert len(items.pairings) > 40  # the corpus really is in the digest
    html = render_html(items, options=RenderOptions())
    page = tmp / "digest.html"
    page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    return page


def measure(page: Path, width: int, height: int) -> dict:
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--hide-scrollbars", f"--window-size={width},{height}", "--virtual-time-budget=5000",
           "--dump-dom", page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="measured">(.*?)</pre>', proc.stdout)
    assert found, f"Chromium gave no measurement (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return json.loads(found.group(1).replace("&quot;", '"'))


@pytest.mark.parametrize(("width", "height"), [(500, 800), (1280, 800)], ids=["narrow", "desktop"])
def test_the_digest_fits_the_viewport_and_its_summary_ends_within_a_few_screens(corpus_page: Path, width: int,
                                                                              height: int) -> None:
    m = measure(corpus_page, width, height)
    print(f"\n{width}x{height}: {json.dumps(m)}; page {m['height'] / m['innerHeight']:.1f} screens, "
          f"summary {m['summaryBottom'] / m['innerHeight']:.2f} screens")
    assert m["innerWidth"] == width
    assert m["scrollWidth"] <= m["innerWidth"], "the page is wider than the viewport: something does not wrap"
    assert m["summaryBottom"] <= SCREENS * m["innerHeight"]
