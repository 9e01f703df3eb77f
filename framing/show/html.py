"""An article as HTML: party mentions boxed, framing cues in their frame's colour, evidence.

``render_article(res)`` gives a fragment for Jupyter (how IPython shows an ArticleFraming);
``render_article(res, standalone=True)`` a whole page (``framing score --format html``): UTF-8,
inline CSS, no external resources, no script, and a Content-Security-Policy that forbids
scripts, so a page made from a hostile article cannot run code even if opened from disk.

Everything that comes from the article or the actor dictionary is escaped with
:func:`html.escape`, in text and in attributes: ``<script>`` in an article shows as text.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..labels import FRAMES, MEASURE_LABELS, PARTY_AWARE, SENTENCE_VADER
from .palette import FRAME_COLORS, FRAME_LETTERS, FRAME_TEXT_COLORS

if TYPE_CHECKING:  # pragma: no cover
    from ..results import ArticleFraming, Framing

__all__ = ["render_article"]

_BOILERPLATE, _SENTENCE, _CUE, _MENTION = range(4)


def render_article(res: ArticleFraming, *, standalone: bool = False) -> str:
    """Render a scored article as HTML with its per-party table and highlighted evidence.

    Party mentions are boxed (dashed for pronouns and other references resolved to a party);
    every framing cue is shaded in its frame's colour (:data:`framing.show.palette.FRAME_COLORS`)
    and followed by a small tag with the frame's letter and the party, so the page also reads
    in greyscale; hovering a cue shows the party, frame, weight, rule and holder; hovering a
    mention the party-aware sentiment toward the party in that sentence; hovering a sentence
    its VADER compound. Boilerplate (lines set aside before scoring) is dimmed. The table above
    the text has one row per party: mentions, sentences per frame, dominant frame, sentiment
    toward the party (its measure named in the header and the caption: party-aware by
    default), the tone of its sentences (sentence VADER), sentiment by the party, voice and
    prominence.

    Parameters
    ----------
    res : ArticleFraming
        The result of :func:`framing.score_article`.
    standalone : bool, default=False
        ``True``: a complete HTML page (``<!DOCTYPE html>``, UTF-8 meta, inline CSS).
        ``False``: a ``<div>`` fragment with its own scoped ``<style>``, for Jupyter.

    Returns
    -------
    str

    Examples
    --------
    >>> import framing
    >>> from framing.show.html import render_article
    >>> res = framing.score_article("Moscow rejected the truce <script>alert(1)</script>.")
    >>> page = render_article(res, standalone=True)
    >>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (False, True)
    """
    title = next((s.text for s in res.sentences if s.is_title), "") or "article"
    body = (
        '<div class="fv">\n'
        f"{_legend()}\n"
        f"{_party_table(res)}\n"
        f'<div class="fv-text">{_marked_text(res)}</div>\n'
        f"{_meta(res)}\n"
        "</div>"
    )
    if not standalone:
        return f"<style>{_CSS}</style>\n{body}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>framing: {_e(_shorten(title, 120))}</title>\n"
        f"<style>{_CSS}\nbody {{ margin: 2em auto; max-width: 60em; padding: 0 1em; "
        "background: #fff; }</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------------------------
# Parts of the page
# --------------------------------------------------------------------------------------------


def _legend() -> str:
    chips = " ".join(
        f'<span class="fv-chip" style="{_chip_style(f)}">{FRAME_LETTERS[f]}</span> {_e(f)}'
        for f in FRAMES)
    return (
        '<p class="fv-legend">Frames: ' + chips + ' &nbsp;·&nbsp; <span class="fv-m">party</span>'
        ' mention (<span class="fv-m fv-m-ref">dashed</span>: pronoun or reference)'
        ' &nbsp;·&nbsp; <span class="fv-bp">dimmed</span>: boilerplate, not scored'
        " &nbsp;·&nbsp; hover a cue for the party, weight and rule</p>"
    )


def _party_table(res: ArticleFraming) -> str:
    measure = (res.meta or {}).get("sentiment_toward") or next(
        (p.sentiment_toward_measure for p in res.parties.values() if p.sentiment_toward_measure),
        "")
    head = "".join(
        f'<th class="fv-num fv-fr" title="{_e(f)} sentences"><span class="fv-chip" '
        f'style="{_chip_style(f)}">{FRAME_LETTERS[f]}</span>&nbsp;{_e(f)}</th>'
        for f in FRAMES)
    rows = []
    for p in res.parties.values():
        counts = "".join(f'<td class="fv-num">{p.frame_counts.get(f, 0)}</td>' for f in FRAMES)
        dominant = " ".join(
            f'<span class="fv-chip" style="{_chip_style(d)}">{_e(d)}</span>' if d in FRAMES
            else f'<span class="fv-none">{_e(d)}</span>' for d in p.dominant)
        rows.append(
            "<tr>"
            f'<th scope="row">{_e(p.actor)}</th>'
            f'<td class="fv-num">{p.mentions}</td>'
            f"{counts}"
            f"<td>{dominant}</td>"
            f'<td class="fv-num fv-toward">{_sent(p.sentiment_toward)} '
            f'<span class="fv-n">({p.sentiment_toward_n})</span></td>'
            f'<td class="fv-num">{_sent(p.sentence_tone)} '
            f'<span class="fv-n">({p.sentence_tone_n})</span></td>'
            f'<td class="fv-num">{_sent(p.sentiment_by)} '
            f'<span class="fv-n">({p.sentiment_by_n})</span></td>'
            f'<td class="fv-num">{p.voice}</td>'
            f"<td>{'yes' if p.in_title else 'no'}</td>"
            f'<td class="fv-num">{p.first_mention}</td>'
            "</tr>")
    if not rows:
        rows.append('<tr><td colspan="13" class="fv-none">no parties found</td></tr>')
    if measure:
        toward = MEASURE_LABELS.get(measure, measure)
        if measure == SENTENCE_VADER:
            toward += "; not party-aware: the model was not used"
        sentiment = (f"sentiment toward the party: {toward}, mean over its n sentences; "
                     f"sentence tone: {MEASURE_LABELS[SENTENCE_VADER]}; sentiment by the "
                     "party: VADER of its statements (all −1…1)")
    else:
        sentiment = "sentiment not computed"
    short = "party-aware" if measure == PARTY_AWARE else "sentence VADER" if measure else ""
    return (
        '<table class="fv-parties">\n'
        "<caption>Parties: mentions, framed sentences per frame, dominant frame, "
        f"{_e(sentiment)}, voice (statements) and prominence</caption>\n"
        "<thead><tr><th>party</th>"
        '<th class="fv-num" title="mentions, including pronouns and references">mentions</th>'
        f"{head}<th>dominant</th>"
        f'<th class="fv-num fv-sent" title="{_e(MEASURE_LABELS.get(measure, sentiment))}">'
        f"sentiment toward (n)<br><span class=\"fv-n\">{_e(short)}</span></th>"
        f'<th class="fv-num fv-sent" title="{_e(MEASURE_LABELS[SENTENCE_VADER])}">'
        'sentence tone (n)<br><span class="fv-n">VADER</span></th>'
        '<th class="fv-num fv-sent" title="mean VADER compound of the party\'s statements">'
        "sentiment by (n)</th>"
        '<th class="fv-num" title="statements (quotes and reported speech)">voice</th>'
        "<th>in title</th>"
        '<th class="fv-num" title="sentence of the first mention (0 = title)">first</th>'
        "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def _meta(res: ArticleFraming) -> str:
    meta = res.meta or {}
    parts = []
    if meta.get("framing_version"):
        parts.append(f"framing {meta['framing_version']}")
    if meta.get("method"):
        parts.append(f"method {meta['method']}")
    lex = meta.get("lexicons")
    if isinstance(lex, dict) and lex:
        parts.append("lexicons " + ", ".join(f"{k} {v}" for k, v in sorted(lex.items())))
    parts.append(f"{len(res.framings)} framings, {len(res.mentions)} mentions, "
                 f"{len(res.sentences)} sentences")
    return f'<p class="fv-meta">{_e(" · ".join(parts))}</p>'


@dataclass
class _Span:
    start: int
    end: int
    layer: int
    order: int
    open: str
    close: str
    tag: str = ""  # written after the span's end (the frame tag of a cue)


def _marked_text(res: ArticleFraming) -> str:
    text = res.text
    if not text.strip():
        return '<span class="fv-none">(empty article)</span>'
    spans: list[_Span] = []
    for k, (a, b, reason) in enumerate(res.boilerplate):
        tip = f"boilerplate ({reason}): not scored"
        spans.append(_Span(a, b, _BOILERPLATE, k, f'<span class="fv-bp" title="{_e(tip)}">',
                           "</span>"))
    for s in res.sentences:
        cls = "fv-s fv-title" if s.is_title else "fv-s"
        tip = f"sentence {s.index} · sentence VADER {s.sentiment:+.2f}"
        spans.append(_Span(s.start, s.end, _SENTENCE, s.index,
                           f'<span class="{cls}" data-sentence="{s.index}" title="{_e(tip)}">',
                           "</span>"))
    groups: dict[tuple[int, int], list[tuple[int, Framing]]] = {}
    for i, f in enumerate(res.framings):
        groups.setdefault((f.cue_start, f.cue_end), []).append((i, f))
    for k, ((a, b), members) in enumerate(sorted(groups.items())):
        members.sort(key=lambda m: (-m[1].weight, m[0]))
        frames = list(dict.fromkeys(f.frame for _, f in members))
        ids = " ".join(str(i) for i, _ in members)
        tip = "\n".join(_cue_tip(f) for _, f in members)
        cls = " ".join(["fv-cue", *(f"fv-f-{_e(fr)}" for fr in frames)])
        style = _cue_style(frames)
        letters: dict[str, dict[str, str]] = {}  # actor -> {letter: frame}
        for _, f in members:
            letters.setdefault(f.actor, {})[FRAME_LETTERS.get(f.frame, "?")] = f.frame
        tag = " · ".join(
            f'<span style="color: {_ink_for(next(iter(ls.values())))}">'
            f'{_e("/".join(ls))} {_e(actor)}</span>' for actor, ls in letters.items())
        spans.append(_Span(
            a, b, _CUE, k,
            f'<mark class="{cls}" data-framings="{ids}" data-frame="{_e(frames[0])}" '
            f'style="{style}" title="{_e(tip)}">',
            "</mark>",
            f'<sup class="fv-tag">{tag}</sup>'))
    toward = {(t.sentence, t.actor): t.sentiment for t in res.targets}
    for k, m in enumerate(res.mentions):
        ref = " fv-m-ref" if m.kind in ("pronoun", "reference") else ""
        tip = f"{m.actor} ({m.kind})"
        if (m.sentence, m.actor) in toward:
            tip += f" · party-aware sentiment here {toward[m.sentence, m.actor]:+.2f}"
        spans.append(_Span(m.start, m.end, _MENTION, k,
                           f'<span class="fv-m{ref}" data-actor="{_e(m.actor)}" '
                           f'title="{_e(tip)}">', "</span>"))
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    return _nest(text, spans)


def _nest(text: str, spans: list[_Span]) -> str:
    """Write ``text`` with the spans as properly nested elements.

    Spans that cross are split: at every boundary the open elements that end or must be
    reopened are closed and the remaining ones opened in the order (layer, start), so the
    output is well formed whatever the overlaps.
    """
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    ends: dict[int, list[_Span]] = {}
    for s in spans:
        if s.tag:
            ends.setdefault(s.end, []).append(s)
    by_start = sorted(spans, key=lambda s: s.start)
    out: list[str] = []
    stack: list[_Span] = []
    live: list[_Span] = []
    nxt = 0
    for a, b in itertools.pairwise(bounds):
        while nxt < len(by_start) and by_start[nxt].start <= a:
            live.append(by_start[nxt])
            nxt += 1
        live = [s for s in live if s.end > a]
        active = sorted((s for s in live if s.end >= b),
                        key=lambda s: (s.layer, s.start, -s.end, s.order))
        _switch(out, stack, active, ends.get(a, ()))
        stack = active
        out.append(_e(text[a:b]))
    _switch(out, stack, [], ends.get(len(text), ()))
    return "".join(out)


def _switch(out: list[str], stack: list[_Span], active: list[_Span], ending) -> None:
    k = 0
    while k < len(stack) and k < len(active) and stack[k] is active[k]:
        k += 1
    for s in reversed(stack[k:]):
        out.append(s.close)
    for s in ending:
        out.append(s.tag)
    for s in active[k:]:
        out.append(s.open)


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _cue_tip(f: Framing) -> str:
    parts = [f"{f.actor}: {f.frame}", f"weight {f.weight:.2f}"]
    if f.rule:
        parts.append(f"rule {f.rule}")
    if f.holder:
        parts.append(f"holder “{f.holder}”")
    if f.negated:
        parts.append("negated")
    if f.pattern:
        parts.append(f"pattern “{f.pattern}”")
    if f.method and f.method != "lexicon":
        parts.append(f"method {f.method}")
    return ", ".join(parts)


def _rgba(color: str, alpha: float) -> str:
    c = color.lstrip("#")
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def _cue_style(frames: list[str]) -> str:
    colors = [FRAME_COLORS.get(f, "#777777") for f in frames]
    if len(colors) == 1:
        background = _rgba(colors[0], 0.22)
    else:
        step = 100 / len(colors)
        stops = ", ".join(f"{_rgba(c, 0.28)} {i * step:.0f}% {(i + 1) * step:.0f}%"
                          for i, c in enumerate(colors))
        background = f"linear-gradient(180deg, {stops})"
    return f"background: {background}; border-bottom-color: {colors[0]}"


def _chip_style(frame: str) -> str:
    return (f"background: {FRAME_COLORS.get(frame, '#777777')}; "
            f"color: {FRAME_TEXT_COLORS.get(frame, '#000000')}")


def _ink_for(frame: str) -> str:
    """A darker shade of the frame's colour for the small tag (readable on white)."""
    c = FRAME_COLORS.get(frame, "#555555").lstrip("#")
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgb({int(r * 0.62)}, {int(g * 0.62)}, {int(b * 0.62)})"


def _sent(x: float | None) -> str:
    return "–" if x is None else f"{x:+.2f}"


def _shorten(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


_CSS = """
.fv { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #1a1a1a; background: #fff; line-height: 1.5; font-size: 15px;
  padding: 0.5em; }
.fv .fv-legend { font-size: 13px; color: #333; margin: 0 0 0.8em 0; }
.fv .fv-chip { display: inline-block; min-width: 1.1em; padding: 0 0.35em; border-radius: 3px;
  font-size: 12px; font-weight: 600; text-align: center; line-height: 1.5; }
.fv table.fv-parties { border-collapse: collapse; font-size: 13px; margin: 0 0 1.2em 0; }
.fv table.fv-parties caption { caption-side: top; text-align: left; color: #444;
  font-size: 12px; padding-bottom: 0.3em; }
.fv table.fv-parties th, .fv table.fv-parties td { padding: 0.2em 0.6em;
  border-bottom: 1px solid #ddd; text-align: left; vertical-align: middle; }
.fv table.fv-parties thead th { border-bottom: 2px solid #999; font-weight: 600;
  vertical-align: bottom; }
.fv table.fv-parties tbody th { font-weight: 600; min-width: 9em; max-width: 18em;
  overflow-wrap: break-word; }
.fv table.fv-parties .fv-num { text-align: right; font-variant-numeric: tabular-nums; }
.fv table.fv-parties th.fv-fr { white-space: nowrap; }
.fv table.fv-parties th.fv-sent { min-width: 6em; }
.fv .fv-n { color: #666; }
.fv table.fv-parties th .fv-n { white-space: nowrap; }
.fv .fv-none { color: #777; font-style: italic; }
.fv .fv-text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 48em;
  font-family: Georgia, "Times New Roman", serif; font-size: 16px; line-height: 1.75; }
.fv .fv-title { font-weight: 700; font-size: 1.15em; }
.fv .fv-bp { opacity: 0.45; font-style: italic; }
.fv mark.fv-cue { color: inherit; padding: 0 1px; border-bottom: 3px solid;
  border-radius: 2px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.fv .fv-m { border: 1px solid #333; border-radius: 3px; padding: 0 2px;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.fv .fv-m-ref { border-style: dashed; border-color: #666; }
.fv sup.fv-tag { font-family: system-ui, sans-serif; font-size: 10px; font-weight: 600;
  margin-left: 1px; white-space: nowrap; line-height: 0; }
.fv .fv-meta { color: #666; font-size: 12px; margin-top: 1.2em; }
"""
