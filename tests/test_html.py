"""HTML view of an article (framing.show.html): escaping, highlighted evidence, a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from conftest import SEED_TEXT

import framing
from framing.labels import FRAMES
from framing.show.html import _nest, _Span, render_article
from framing.show.palette import FRAME_COLORS

EVIL_ACTOR = 'Evil "Corp" \'><script>alert(4)</script> & Co'
HOSTILE = (
    "Moscow rejects truce <script>alert(1)</script> as Kyiv offers talks\n"
    "Moscow rejected the truce proposed by Washington. Kyiv offered new talks, but Russian "
    "officials dismissed the offer.\n"
    "Share this article\n"
    "Acme <script>document.title='PWNED'</script> refused to negotiate with the union. "
    "\"Acme\\\" onmouseover=\\\"alert(2)\" <img src=x onerror=alert(3)> doubted the offer.\n"
    "The Kremlin doubted that the plan would work & said \"no\" to '<b>peace</b>'.\n"
)
VOID = {"meta", "br", "img", "hr", "input", "link", "wbr", "col", "area", "base", "source"}


class Tree(HTMLParser):
    """Records elements, attributes and text; checks that tags nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.text_in: dict[int, list[str]] = {}  # id(attrs) -> text chunks inside
        self.article_text: list[str] = []  # text of .fv-text, without the frame tags

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag not in VOID:
            self.stack.append((tag, a))
            self.text_in[id(a)] = []

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            return
        self.stack.pop()

    def handle_data(self, data):
        for _, a in self.stack:
            self.text_in[id(a)].append(data)
        classes = [a.get("class", "") for _, a in self.stack]
        if "fv-text" in classes and not any("fv-tag" in c for c in classes):
            self.article_text.append(data)

    def text(self, a) -> str:
        return "".join(self.text_in[id(a)])


def parse(page: str) -> Tree:
    t = Tree()
    t.feed(page)
    t.close()
    assert not t.errors, t.errors[:5]
    assert not [tag for tag, _ in t.stack if tag not in ("html", "body")], t.stack
    return t


@pytest.fixture(scope="module")
def hostile():
    return framing.score_article(HOSTILE, actors={EVIL_ACTOR: ["Acme"]})


@pytest.fixture(scope="module")
def seed():
    return framing.score_article(SEED_TEXT.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# Escaping
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("standalone", [True, False])
def test_hostile_text_and_actor_names_are_escaped(hostile, standalone):
    assert EVIL_ACTOR in hostile.parties  # the hostile party is in the table and the text
    page = render_article(hostile, standalone=standalone)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(3)&gt;" in page
    tree = parse(page)
    tags = {tag for tag, _ in tree.elements}
    assert not tags & {"script", "img", "iframe", "object", "embed", "a"}
    for _, attrs in tree.elements:
        assert not [k for k in attrs if k.startswith("on")], attrs
    # the actor name survives, exactly, in text and in attributes
    assert any(a.get("data-actor") == EVIL_ACTOR for _, a in tree.elements)
    rows = [tree.text(a) for tag, a in tree.elements if tag == "th" and a.get("scope") == "row"]
    assert EVIL_ACTOR in rows


def test_article_text_is_rendered_exactly(hostile, seed):
    for res in (hostile, seed):
        tree = parse(render_article(res))
        assert "".join(tree.article_text) == res.text


def test_standalone_page_and_fragment(hostile):
    page = render_article(hostile, standalone=True)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    tree = parse(page)  # nothing external: no link, no src or href, no url() in the CSS
    assert not [a for _, a in tree.elements if {"src", "href"} & set(a)]
    assert "link" not in {tag for tag, _ in tree.elements}
    css = "".join(tree.text(a) for tag, a in tree.elements if tag == "style")
    assert not re.search(r"url\(|@import|https?:", css)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith("framing: Moscow rejects truce &lt;script&gt;")
    frag = render_article(hostile)
    assert "<html" not in frag and "<body" not in frag and "<style>" in frag


def test_html_is_how_ipython_shows_a_result():
    # framing/__init__.py registers the view with IPython: the results never import it
    code = ("from IPython.core.interactiveshell import InteractiveShell\n"
            "shell = InteractiveShell.instance()\n"
            "import sys, framing\n"
            "from framing.show.html import render_article\n"
            "res = framing.score_article(sys.stdin.read(), method='lexicon')\n"
            "data, _ = shell.display_formatter.format(res)\n"
            "print(data['text/html'] == render_article(res))")
    out = subprocess.run([sys.executable, "-c", code], input=HOSTILE, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "True"


# --------------------------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["hostile", "seed"])
def test_every_framing_cue_is_highlighted(which, request):
    res = request.getfixturevalue(which)
    assert res.framings
    tree = parse(render_article(res))
    marks = [a for tag, a in tree.elements if tag == "mark"]
    for i, f in enumerate(res.framings):
        mine = [a for a in marks if str(i) in a["data-framings"].split()]
        assert mine, f
        assert "".join(tree.text(a) for a in mine) == f.cue
        for a in mine:
            assert f"fv-f-{f.frame}" in a["class"]
            assert FRAME_COLORS[f.frame] in a["style"]
            assert f.actor in a["title"] and f.frame in a["title"]
            assert f"weight {f.weight:.2f}" in a["title"] and f"rule {f.rule}" in a["title"]
    tags = [tree.text(a) for tag, a in tree.elements if "fv-tag" in a.get("class", "")]
    assert any(t.startswith("H ") for t in tags)


def test_mentions_boxed_and_boilerplate_dimmed(seed):
    tree = parse(render_article(seed))
    boxed = [(a["data-actor"], tree.text(a)) for _, a in tree.elements
             if "fv-m" in a.get("class", "").split() and "data-actor" in a]
    assert len(boxed) == len(seed.mentions)
    assert {m.actor for m in seed.mentions} == {actor for actor, _ in boxed}
    dimmed = "".join(tree.text(a) for _, a in tree.elements if "fv-bp" in a.get("class", "")
                     and "title" in a)
    assert "RECOMMENDED STORIES" in dimmed and "Estimated reading time" in dimmed
    assert "Moscow insists" not in dimmed


def test_party_table_above_the_text(seed):
    page = render_article(seed)
    assert page.index('<table class="fv-parties">') < page.index('<div class="fv-text">')
    tree = parse(page)
    rows = [tree.text(a) for tag, a in tree.elements if tag == "th" and a.get("scope") == "row"]
    assert rows == list(seed.parties)
    head = page[page.index("<thead>"):page.index("</thead>")]
    for word in (*FRAMES, "mentions", "dominant", "sentiment toward", "voice"):
        assert word in head
    russia = seed.parties["Russia"]
    assert f"{russia.sentiment_toward:+.2f}" in page


def test_party_table_shows_party_aware_sentiment_and_names_it(seed):
    page = render_article(seed)
    caption = page[page.index("<caption>"):page.index("</caption>")]
    assert "sentiment toward the party: party-aware sentiment" in caption
    assert "sentence tone: sentence VADER" in caption
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert "sentence tone (n)" in head and "party-aware" in head
    tree = parse(page)
    cells = [tree.text(a) for tag, a in tree.elements
             if tag == "td" and "fv-toward" in a.get("class", "")]
    assert cells == [f"{p.sentiment_toward:+.2f} ({p.sentiment_toward_n})"
                     for p in seed.parties.values()]
    # hovering a mention gives the party-aware value of its sentence
    t = seed.targets[0]
    assert f"{t.actor} " in page and f"party-aware sentiment here {t.sentiment:+.2f}" in page


def test_party_table_names_sentence_vader_when_the_model_is_not_used():
    res = framing.score_article("Moscow rejected the truce. Kyiv offered new talks.",
                                sentiment="sentence-vader")
    page = render_article(res)
    caption = page[page.index("<caption>"):page.index("</caption>")]
    assert "sentiment toward the party: sentence VADER" in caption
    assert "not party-aware" in caption
    assert "party-aware sentiment here" not in page


def test_nesting_of_crossing_spans_is_well_formed():
    spans = [_Span(0, 6, 1, 0, "<i>", "</i>"), _Span(3, 9, 2, 0, "<b>", "</b>", "<sup>t</sup>"),
             _Span(4, 5, 3, 0, "<u>", "</u>")]
    out = _nest("abcdefghij", spans)
    assert out == "<i>abc<b>d<u>e</u>f</b></i><b>ghi</b><sup>t</sup>j"
    parse(out)


def test_empty_article():
    page = render_article(framing.score_article(""), standalone=True)
    assert "(empty article)" in page and "no parties found" in page
    parse(page)


# --------------------------------------------------------------------------------------------
# A real browser
# --------------------------------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("CI must have chromium on PATH (.ci/run installs it)")
    pytest.skip("no chromium binary on PATH")


def _run_chromium(binary, profile, *args) -> subprocess.CompletedProcess:
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_chromium_renders_the_page_and_runs_no_script(hostile, tmp_path):
    binary = _chromium()
    page = tmp_path / "article.html"
    page.write_text(render_article(hostile, standalone=True), encoding="utf-8")
    url = page.as_uri()

    dom = _run_chromium(binary, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html_out = dom.stdout
    title = re.search(r"<title>(.*?)</title>", html_out, re.S).group(1)
    assert "PWNED" not in title and title.startswith("framing: Moscow rejects truce")
    assert "<script" not in html_out.lower()  # no script element in the live DOM
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_out  # shown as text
    assert "&lt;img src=x onerror=alert(3)&gt;" in html_out

    shot = tmp_path / "article.png"
    run = _run_chromium(binary, tmp_path / "profile-shot", f"--screenshot={shot}",
                        "--window-size=1200,1600", url)
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    import matplotlib.image as mpimg
    import numpy as np

    img = mpimg.imread(shot)[..., :3]
    assert img.shape[:2] == (1600, 1200)
    assert img.std() > 0.05 and (img.min(axis=2) < 0.5).mean() > 0.005  # text was drawn
    for frame in ("hard-line", "conciliatory"):  # the cue underlines in the frame colours
        rgb = np.array([int(FRAME_COLORS[frame][i:i + 2], 16) for i in (1, 3, 5)]) / 255
        assert (np.abs(img - rgb).max(axis=2) < 0.06).sum() > 50, frame


def test_chromium_screenshot_of_the_seed_article(seed, tmp_path):
    binary = _chromium()
    page = tmp_path / "seed.html"
    page.write_text(render_article(seed, standalone=True), encoding="utf-8")
    shot = tmp_path / "seed.png"
    run = _run_chromium(binary, tmp_path / "profile", f"--screenshot={shot}",
                        "--window-size=1200,1600", page.as_uri())
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    assert shot.stat().st_size > 20_000
