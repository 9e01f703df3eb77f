"""Clean an article and split it into sentences and tokens, with character offsets.

An article is read line by line. Lines that are not the story (reading-time notes, related-story
lists, share prompts, credit lines; patterns in ``lexicons/boilerplate.tsv``) are set aside as
boilerplate. The first story line of a multi-line text is the title; a dateline ("GENEVA (AP) —",
"Moscow -NC —") opening a paragraph is recognised so that its place name is not read as a
party. Paragraphs are split into sentences with NLTK's Punkt algorithm, using parameters of our
own (``lexicons/abbreviations.txt``), so no NLTK data package is needed. Every span is a pair
of character offsets into the text exactly as it was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import LexiconError
from ..resources import package_file, read_lines, read_table

# A dateline: a place in capitals, or any place followed by an agency tag, then a dash.
_DATELINE = re.compile(
    r"""^(?P<place>
          [A-Z][A-Z .'’-]{1,40}?(?:,\s*[A-Z][A-Za-z. ]{1,30}?)?            # GENEVA, KYIV, Ukraine
          (?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?                             # , March 3
          (?:\s*\([^)\n]{1,30}\))?                                          # (AP)
        | [A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z. ]{1,30}?)?
          (?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?
          (?:\s*\([^)\n]{1,30}\)|\s+-\s*[A-Z]{1,6}\b|\s*/[A-Za-z]{1,12}/)  # Moscow -NC
        )\s*(?:—|–|--|-)\s+""",
    re.VERBOSE,
)

_LIST_ITEM = re.compile(r"^\s*(?:[-•*·»–]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")

# Tokens: abbreviations with dots (U.S.), clitics n't and 's, words (with inner hyphens and
# apostrophes), numbers, and single punctuation marks. The first alternative and the lookaheads
# opening the next two only make the engine faster; the tokens are those of the pattern without
# them (a test compares the two):
# * the first takes at once a whole word followed by no ".", apostrophe or hyphen (most words):
#   none of the alternatives before the word one can match there, and the word one would take
#   the same characters (its lookbehind leaves an "s" after an apostrophe to the others);
# * the lookaheads make the abbreviation and n't alternatives fail fast on ordinary words: a
#   plain "\w+(?=n't)" backtracks through the whole word, testing the lookahead at each letter.
_TOKEN = re.compile(
    r"""\w++(?![.'’-])(?<![’']s)
      | (?=[A-Za-z]\.)(?:[A-Za-z]\.){2,}(?![A-Za-z])
      | (?=\w+n[’']t\b)\w+(?=n[’']t\b)
      | n[’']t\b
      | [’']s\b
      | \w+(?:[-'’]\w+)*(?<![’']s)
      | [^\w\s]""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the story.

    Attributes
    ----------
    index : int
        Position among the article's sentences (boilerplate lines are not counted).
    start, end : int
        Character offsets into the text as given.
    text : str
        ``article[start:end]``.
    paragraph : int
        Index of the line (paragraph) the sentence belongs to.
    is_title : bool
        True for the title line.
    dateline_end : int
        Offset where a leading dateline ends (``start`` when there is none).
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    is_title: bool = False
    dateline_end: int = -1


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A line that is not part of the story, with the reason it was set aside."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article split into story sentences and boilerplate lines.

    Attributes
    ----------
    text : str
        The text as given; all offsets point into it.
    sentences : tuple of Sentence
    boilerplate : tuple of Boilerplate
    title : Sentence or None
        The title sentence, when the text has one.
    """

    text: str
    sentences: tuple[Sentence, ...]
    boilerplate: tuple[Boilerplate, ...]

    @property
    def title(self) -> Sentence | None:
        """The title sentence, or None."""
        for s in self.sentences:
            if s.is_title:
                return s
        return None


@dataclass(frozen=True, slots=True)
class _Rules:
    line: tuple[re.Pattern[str], ...]
    list_start: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _boilerplate_rules() -> _Rules:
    source = package_file("boilerplate.tsv")
    line, list_start = [], []
    for number, row in read_table(source, ("pattern", "kind", "example")):
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as e:
            raise LexiconError(f"{source.name}:{number}: bad regular expression: {e}") from None
        if row["kind"] not in ("line", "list"):
            raise LexiconError(
                f"{source.name}:{number}: kind must be 'line' or 'list'; got {row['kind']!r}"
            )
        if not pattern.fullmatch(row["example"]):
            raise LexiconError(
                f"{source.name}:{number}: the example {row['example']!r} does not match the pattern"
            )
        (line if row["kind"] == "line" else list_start).append(pattern)
    return _Rules(tuple(line), tuple(list_start))


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = {
        entry.lower().rstrip(".") for _, entry in read_lines(package_file("abbreviations.txt"))
    }
    return PunktSentenceTokenizer(params)


def boilerplate_reason(line: str) -> str | None:
    """Say why a line is boilerplate, or return None for a story line.

    Examples
    --------
    >>> boilerplate_reason("Estimated reading time: 3 minutes")
    'line'
    >>> boilerplate_reason("Moscow insists on its demands.") is None
    True
    """
    stripped = line.strip()
    rules = _boilerplate_rules()
    for pattern in rules.list_start:
        if pattern.fullmatch(stripped):
            return "list"
    for pattern in rules.line:
        if pattern.fullmatch(stripped):
            return "line"
    return None


def _looks_like_list_item(line: str) -> bool:
    stripped = line.strip()
    if _LIST_ITEM.match(stripped):
        return True
    # A short headline without final punctuation, as link lists print them.
    return len(stripped.split()) <= 14 and not _SENTENCE_END.search(stripped)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def dateline_length(paragraph: str) -> int:
    """Length of a dateline opening ``paragraph`` ("GENEVA (AP) — "), 0 when there is none.

    Examples
    --------
    >>> dateline_length("Moscow -NC — Russia has outlined its demands.")
    13
    >>> dateline_length("Russia — which denies it — said so.")
    0
    """
    m = _DATELINE.match(paragraph)
    if not m or len(m.group("place").split()) > 8:
        return 0
    return m.end()


_END_CHARS = re.compile(r"[.?!…]")


def split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentence spans (absolute offsets) with Punkt.

    Examples
    --------
    >>> t = "Mr. Lavrov met U.S. envoys. They left."
    >>> [t[a:b] for a, b in split_paragraph(t, 0, len(t))]
    ['Mr. Lavrov met U.S. envoys.', 'They left.']
    """
    chunk = text[start:end]
    body = chunk.rstrip().rstrip(".?!\"'”’)]")
    if not _END_CHARS.search(body):
        # No full stop, question or exclamation mark before the paragraph's end: Punkt has
        # no candidate break to decide on, so the paragraph is one sentence.
        spans_in: object = [(0, len(chunk))]
    else:
        spans_in = _punkt().span_tokenize(chunk)
    spans = []
    for a, b in spans_in:  # type: ignore[attr-defined]
        # Skip leading spaces; keep the sentence's own characters only.
        while a < b and chunk[a].isspace():
            a += 1
        while b > a and chunk[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((start + a, start + b))
    return spans


def clean_article(text: str) -> CleanArticle:
    """Split an article into story sentences and boilerplate lines.

    Parameters
    ----------
    text : str
        The article as published. Offsets in the result point into it unchanged.

    Returns
    -------
    CleanArticle

    Examples
    --------
    >>> art = clean_article("Talks stall\\nRead more: Other news\\nKYIV (AP) — Kyiv said no.")
    >>> [s.text for s in art.sentences]
    ['Talks stall', 'KYIV (AP) — Kyiv said no.']
    >>> art.sentences[0].is_title, art.sentences[1].dateline_end - art.sentences[1].start
    (True, 12)
    >>> [b.text for b in art.boilerplate]
    ['Read more: Other news']
    """
    sentences: list[Sentence] = []
    boilerplate: list[Boilerplate] = []
    in_list = False
    title_seen = False
    lines = _lines(text)
    multi_line = sum(1 for a, b in lines if text[a:b].strip()) > 1
    for paragraph, (a, b) in enumerate(lines):
        line = text[a:b]
        stripped = line.strip()
        if not stripped:
            in_list = False
            continue
        a += len(line) - len(line.lstrip())
        b -= len(line) - len(line.rstrip())
        reason = boilerplate_reason(stripped)
        if reason == "list":
            in_list = True
            boilerplate.append(Boilerplate(a, b, text[a:b], "related-story list"))
            continue
        if reason == "line":
            boilerplate.append(Boilerplate(a, b, text[a:b], "boilerplate line"))
            continue
        if in_list and _looks_like_list_item(stripped):
            boilerplate.append(Boilerplate(a, b, text[a:b], "related-story list"))
            continue
        in_list = False
        is_title = multi_line and not title_seen and len(stripped.split()) <= 45
        title_seen = True
        if is_title:
            sentences.append(Sentence(len(sentences), a, b, text[a:b], paragraph, True, a))
            continue
        dateline = dateline_length(text[a:b])
        for k, (s, e) in enumerate(split_paragraph(text, a, b)):
            d = a + dateline if (k == 0 and dateline and s == a) else s
            sentences.append(Sentence(len(sentences), s, e, text[s:e], paragraph, False, d))
    return CleanArticle(text, tuple(sentences), tuple(boilerplate))


@dataclass(frozen=True, slots=True)
class Tokens:
    """Tokens of one sentence: surface forms, lower-cased forms, absolute offsets."""

    text: tuple[str, ...]
    lower: tuple[str, ...]
    start: tuple[int, ...]
    end: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.text)


def tokenize(text: str, offset: int = 0) -> Tokens:
    """Split a sentence into tokens with absolute character offsets.

    Possessive ``'s`` and ``n't`` are tokens of their own; curly apostrophes are normalised to
    straight ones in the lower-cased forms.

    Examples
    --------
    >>> t = tokenize("Russia’s rejection didn't surprise the U.S.")
    >>> t.lower
    ('russia', "'s", 'rejection', 'did', "n't", 'surprise', 'the', 'u.s.')
    >>> t.start[:2]
    (0, 6)
    """
    words, lower, starts, ends = [], [], [], []
    for m in _TOKEN.finditer(text):
        w = m.group()
        words.append(w)
        lower.append(w.lower().replace("’", "'"))
        starts.append(m.start() + offset)
        ends.append(m.end() + offset)
    return Tokens(tuple(words), tuple(lower), tuple(starts), tuple(ends))
