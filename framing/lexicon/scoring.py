"""Score an article: parties, framing evidence, statements, sentiment and a per-party summary.

``score_article`` is a pure function of its inputs (text, actor dictionary, lexicon): no I/O,
no global state beyond resources cached on first use, and the same output for the same input.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import NamedTuple

from .. import __version__
from ..errors import FramingError, InputError
from ..labels import FRAMES, NONE, PARTY_AWARE, SENTENCE_VADER, SENTIMENT_MEASURES
from ..read.actors import ActorDictionary, ActorSource, Mention, resolve_actors
from ..read.clauses import QUOTES_CLOSE, QUOTES_OPEN, Clauses, eligible, segment
from ..read.coref import Discourse, first_person
from ..read.speech import Said, find_statements, speech_forms
from ..read.text import Sentence, Tokens, clean_article, tokenize
from ..resources import lexicon_versions
from ..results import (
    ArticleFraming,
    Framing,
    MentionInfo,
    PartySummary,
    SentenceInfo,
    Statement,
)
from .attribution import SentenceView, attribute, verb_positions
from .cues import CueMatch, FrameLexicon, load_lexicon

LexiconSource = FrameLexicon | str | Path | Sequence[str | Path] | None
SentimentOption = bool | str


def sentiment_option(sentiment: SentimentOption) -> str | None:
    """What ``sentiment=`` asks of ``score_article``, checked.

    ``True`` (the default) gives ``"auto"``: sentiment toward each party from the party-aware
    model, or the sentence VADER mean, with a warning, when the model cannot give it.
    ``"party-aware"`` insists on the model (an error when it cannot be used);
    ``"sentence-vader"`` does not use it; ``False`` gives ``None``: no sentiment at all. Other
    values count by their truth, as ``sentiment`` did before it named a measure.

    Examples
    --------
    >>> sentiment_option(True), sentiment_option("sentence-vader"), sentiment_option(False)
    ('auto', 'sentence-vader', None)
    """
    if isinstance(sentiment, str):
        if sentiment in SENTIMENT_MEASURES:
            return sentiment
        raise FramingError(f"sentiment must be True, False or one of "
                           f"{list(SENTIMENT_MEASURES)}; got {sentiment!r}")
    return "auto" if sentiment else None  # any true value, as before the measures



@dataclass
class _Parsed:
    sentence: Sentence
    tokens: Tokens
    mentions: list[Mention]
    clauses: Clauses
    said: list[Said]
    quote_ids: list[int]  # article-wide quote id per token (-1 outside)
    cues: list[CueMatch] = field(default_factory=list)  # set by _frame


class SentenceParse(NamedTuple):
    """What the lexicon pass read in one sentence, for the classifier's cue features."""

    text: str
    start: int  # where the sentence starts in the article (the tokens' offsets count from 0)
    tokens: Tokens
    cues: list[CueMatch]


def coerce_lexicon(lexicon: LexiconSource) -> FrameLexicon:
    """Turn ``None``, a path, several paths or a FrameLexicon into a FrameLexicon."""
    if lexicon is None:
        return FrameLexicon.default()
    if isinstance(lexicon, FrameLexicon):
        return lexicon
    if isinstance(lexicon, str | Path):
        return load_lexicon(lexicon)
    if isinstance(lexicon, Sequence):
        return load_lexicon(*lexicon)
    raise FramingError(
        "lexicon must be None, a FrameLexicon, a path or a list of paths; "
        f"got {type(lexicon).__name__}"
    )


def score_article(
    text: str,
    *,
    actors: ActorSource | None = None,
    lexicon: LexiconSource = None,
    actors_mode: str = "extend",
    sentiment: SentimentOption = True,
) -> ArticleFraming:
    """Score how an article frames each party with the lexicon, with the evidence.

    This is the lexicon method; :func:`framing.score_article` also offers the classifier and
    the ensemble and takes the same arguments plus ``method``.

    Parameters
    ----------
    text : str
        The article as published (title on the first line, boilerplate may stay in).
    actors : ActorDictionary, path, mapping or list of records, optional
        Parties to find. A mapping ``{"Russia": ["Moscow", "Kremlin", "Peskov"]}``, a list of
        records in the ``actors.jsonl`` format, a path to either, or an ActorDictionary.
        By default the dictionary shipped with ``framing``.
    lexicon : FrameLexicon, path or list of paths, optional
        Framing cues; user files extend the default lexicon.
    actors_mode : {"extend", "replace"}, default="extend"
        Whether user actors extend or replace the default dictionary.
    sentiment : bool or str, default=True
        Compute VADER sentiment per sentence, of the sentences that mention each party and of
        each party's statements. The lexicon method alone has no party-aware model: its
        ``sentiment_toward`` is the sentence VADER mean (measure ``"sentence-vader"``);
        :func:`framing.score_article` adds the party-aware measure.

    Returns
    -------
    ArticleFraming

    Examples
    --------
    >>> res = score_article("Moscow rejected the truce. Kyiv offered new talks.")
    >>> [(f.actor, f.frame) for f in res.framings]
    [('Russia', 'hard-line'), ('Ukraine', 'conciliatory')]
    >>> res.framings[0].cue
    'rejected the truce'
    >>> res.dominant["Russia"]
    ('hard-line',)
    """
    return _score(text, actors, lexicon, actors_mode, sentiment)[0]


def score_article_parsed(
    text: str,
    *,
    actors: ActorSource | None = None,
    lexicon: LexiconSource = None,
    actors_mode: str = "extend",
    sentiment: SentimentOption = True,
) -> tuple[ArticleFraming, list[SentenceParse], bool]:
    """:func:`score_article`, plus the tokens and cues of every sentence and whether the cues
    are the default lexicon's (the classifier reuses them instead of parsing again).

    Examples
    --------
    >>> res, parses, default = score_article_parsed("Kyiv rejected the offer.")
    >>> [c.row.frame for c in parses[0].cues], default
    (['hard-line'], True)
    """
    result, parsed, lex = _score(text, actors, lexicon, actors_mode, sentiment)
    parses = [SentenceParse(p.sentence.text, p.sentence.start, p.tokens, p.cues)
              for p in parsed]
    return result, parses, lex is FrameLexicon.default()


def _score(text: str, actors: ActorSource | None, lexicon: LexiconSource, actors_mode: str,
           sentiment: SentimentOption) -> tuple[ArticleFraming, list[_Parsed], FrameLexicon]:
    """The lexicon method: the result, the parsed sentences and the lexicon used."""
    check_text(text)
    sentiment = sentiment_option(sentiment) is not None
    actor_dict = resolve_actors(actors, actors_mode)
    lex = coerce_lexicon(lexicon)
    parsed = parse_article(text, actor_dict)
    speakers = _quote_speakers(parsed[0])
    framings = _frame(parsed, lex, speakers)
    result = _assemble(text, parsed, framings, speakers, actor_dict, lex, actors_mode,
                       sentiment)
    return result, parsed[0], lex


def check_text(text: object) -> None:
    """Refuse anything but ``str`` with a message that says what to pass instead."""
    if isinstance(text, bytes | bytearray):
        raise InputError("score_article expects str, got bytes; decode it first "
                         "(e.g. data.decode('utf-8'))")
    if not isinstance(text, str):
        raise InputError(f"score_article expects the article text as str; got "
                         f"{type(text).__name__}")


def parse_article(text: str, actors: ActorDictionary) -> tuple[list[_Parsed], object]:
    """Clean, split and read the structure of an article (mentions, clauses, speech).

    Returns the parsed sentences and the cleaned article.
    """
    art = clean_article(text)
    discourse = Discourse(actors)
    parsed: list[_Parsed] = []
    quote_counter = 0
    open_quote = -1
    straight_open = False
    last_paragraph = -1
    for si, s in enumerate(art.sentences):
        toks = tokenize(s.text, s.start)
        names = [m for m in actors.find(s.text, s.start, toks) if m.start >= s.dateline_end]
        start_tok = 0 if s.dateline_end <= s.start else next(
            (k for k, a in enumerate(toks.start) if a >= s.dateline_end), 0)
        if s.paragraph != last_paragraph:
            last_paragraph = s.paragraph
            # A quotation left open at the end of a paragraph ends there, unless the next
            # paragraph's first quotation mark closes it: then it goes on ('... "The plan is
            # a trap.' / 'We will not sign."').
            if open_quote >= 0 and not _closes_first(art.sentences, si):
                open_quote, straight_open = -1, False
        if _QUOTE_MARK.search(s.text) is None:
            # No quotation mark (most sentences): every token is inside the quotation the
            # sentences before left open, or none; the loop below would give the same.
            quote_ids = [open_quote] * len(toks)
        else:
            quote_ids = []
            for w in toks.text:
                if w in QUOTES_OPEN and w != "‘":
                    open_quote, quote_counter = quote_counter, quote_counter + 1
                    quote_ids.append(open_quote)
                elif w == '"':
                    if straight_open:
                        quote_ids.append(open_quote)
                        open_quote, straight_open = -1, False
                    else:
                        open_quote, quote_counter = quote_counter, quote_counter + 1
                        straight_open = True
                        quote_ids.append(open_quote)
                elif w in QUOTES_CLOSE and w != "’" and open_quote >= 0:
                    quote_ids.append(open_quote)
                    open_quote = -1
                else:
                    quote_ids.append(open_quote)
        mentions = discourse.resolve(s.index, toks, names, start_tok)
        clauses = segment(toks, quote_ids, speech_forms())
        subject = _sentence_subject(mentions, toks, clauses, start_tok)
        discourse.commit(s.index, toks, mentions, subject)
        said = find_statements(toks, mentions, clauses)
        parsed.append(_Parsed(s, toks, mentions, clauses, said, quote_ids))
    return parsed, art


def _closes_first(sentences: Sequence[Sentence], k: int) -> bool:
    """Whether the first quotation mark of the paragraph that starts at sentence ``k`` closes
    a quotation: a closing mark, or a straight one after a word and before a space, a
    punctuation mark or the paragraph's end.

    Examples
    --------
    >>> from framing.read.text import clean_article
    >>> art = clean_article('He said "no.\\n\\nNever." Then he left.\\n\\nShe said "yes".')
    >>> _closes_first(art.sentences, 1), _closes_first(art.sentences, 3)
    (True, False)
    """
    paragraph = sentences[k].paragraph
    for s in sentences[k:]:
        if s.paragraph != paragraph:
            return False
        m = _QUOTE_MARK.search(s.text)
        if m is None:
            continue
        mark, i = m.group(), m.start()
        if mark != '"':
            return mark in QUOTES_CLOSE
        before = s.text[i - 1] if i > 0 else " "
        after = s.text[i + 1] if i + 1 < len(s.text) else " "
        return not before.isspace() and (after.isspace() or after in _AFTER_CLOSE)
    return False


_AFTER_CLOSE = frozenset(".,;:!?)]—–-")

# The quotation marks the loop in parse_article reacts to ("‘" and "’" are apostrophes as often).
_QUOTE_MARK = re.compile(
    "[" + re.escape("".join(sorted((QUOTES_OPEN | QUOTES_CLOSE | {'"'}) - {"‘", "’"}))) + "]")


def _sentence_subject(mentions, toks, clauses, start_tok) -> Mention | None:
    for m in mentions:
        if m.tok_start < start_tok or first_person(toks.lower[m.tok_start]):
            continue
        if eligible(m, toks, clauses):
            return m
    return None


def _quote_speakers(parsed: list[_Parsed]) -> dict[int, Mention]:
    """Speaker of each quotation: a statement in one of the sentences the quote spans."""
    sentences_of: dict[int, list[int]] = defaultdict(list)
    for k, p in enumerate(parsed):
        for q in dict.fromkeys(x for x in p.quote_ids if x >= 0):
            sentences_of[q].append(k)
    speakers: dict[int, Mention] = {}
    for q, ks in sentences_of.items():
        for k in ks:
            p = parsed[k]
            for said in p.said:
                if p.quote_ids[said.verb] != q:
                    speakers[q] = said.speaker
                    break
            if q in speakers:
                break
        if q not in speakers:
            p = parsed[ks[0]]
            first = p.quote_ids.index(q)
            if first == 0 and ks[0] > 0:
                # A quote that opens a sentence right after another speaker's quote continues
                # it: '"We will not sign," Peskov said. "It is a trap."'. In the next paragraph
                # only when the quote is the whole sentence, as news writes a speaker's
                # further quoted paragraphs.
                prev = parsed[ks[0] - 1]
                earlier = [x for x in prev.quote_ids if x >= 0]
                if earlier and earlier[-1] in speakers and (
                        prev.sentence.paragraph == p.sentence.paragraph
                        or _quoted_to_end(p, q)):
                    speakers[q] = speakers[earlier[-1]]
                    continue
            # A scare quote inside a sentence: the sentence's subject speaks it.
            clause = p.clauses.of[first]
            for m in p.mentions:
                if m.tok_start < first and p.quote_ids[m.tok_start] < 0 and \
                        p.clauses.of[m.tok_start] <= clause and eligible(m, p.tokens, p.clauses):
                    speakers[q] = m
                    break
    return speakers


def _word_quotes(p: _Parsed) -> list[int]:
    """The quotation id of each word of sentence ``p`` (-1 outside), punctuation left out."""
    return [x for x, w in zip(p.quote_ids, p.tokens.lower, strict=True) if w.isalnum()]


def _quoted_to_end(p: _Parsed, q: int) -> bool:
    """Whether every word of sentence ``p`` is inside quotation ``q``."""
    words = _word_quotes(p)
    return bool(words) and all(x == q for x in words)


def _frame(parsed_art, lex: FrameLexicon, speakers: dict[int, Mention]) -> list[list]:
    parsed, _ = parsed_art
    results = []
    for p in parsed:
        toks = p.tokens
        # The speakers of the quotations this sentence is part of.
        spoken = {q: speakers[q] for q in set(p.quote_ids) if q in speakers} if speakers else {}
        mentions = list(p.mentions)
        if spoken:
            covered = {k for m in mentions for k in range(m.tok_start, m.tok_end)}
            for i, w in enumerate(toks.lower):
                q = p.quote_ids[i]
                if q in spoken and first_person(w) and i not in covered:
                    sp = spoken[q]
                    mentions.append(Mention(sp.party, toks.start[i], toks.end[i], i, i + 1,
                                            "pronoun", toks.text[i],
                                            possessive=w in ("our", "my"), person=sp.person))
        mentions.sort(key=lambda m: m.tok_start)
        p.mentions = mentions
        cues = lex.match(toks, p.clauses.bounds)
        p.cues = cues
        if all(c.row.role == "block" for c in cues):
            results.append([])  # nothing to attribute (attribute() skips block rows)
            continue
        continuing = None
        if spoken:
            inside = _word_quotes(p)
            if inside and all(q >= 0 for q in inside) and inside[0] in speakers:
                continuing = speakers[inside[0]]
        view = SentenceView(toks, p.clauses, tuple(mentions), spoken, continuing,
                            tuple(p.said), verb_positions(toks, cues))
        results.append(attribute(view, cues, lex))
    return results


def _assemble(text, parsed_art, framed, speakers, actor_dict, lex, actors_mode, with_sentiment):
    parsed, art = parsed_art
    if with_sentiment:
        from .sentiment import sentence_sentiment
    else:
        def sentence_sentiment(_: str) -> float:
            return 0.0
    sentences, mentions, framings, statements = [], [], [], []
    quote_spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for k, p in enumerate(parsed):
        s = p.sentence
        sentences.append(SentenceInfo(s.index, s.start, s.end, s.text, s.is_title,
                                      sentence_sentiment(s.text) if with_sentiment else 0.0))
        for m in p.mentions:
            mentions.append(MentionInfo(m.party, m.start, m.end, m.text, m.kind, s.index,
                                        m.antecedent))
        for a in framed[k]:
            toks = p.tokens
            framings.append(
                Framing(
                    actor=a.holder.party,
                    frame=a.frame,
                    weight=a.weight,
                    cue=text[toks.start[a.cue.tok_start]:toks.end[a.cue.tok_end - 1]],
                    cue_start=toks.start[a.cue.tok_start],
                    cue_end=toks.end[a.cue.tok_end - 1],
                    sentence=s.index,
                    sentence_start=s.start,
                    sentence_end=s.end,
                    method="lexicon",
                    rule=a.rule,
                    holder=a.holder.text,
                    negated=a.negated,
                    pattern=a.cue.row.pattern,
                )
            )
        if p.quote_ids and max(p.quote_ids) >= 0:  # a quotation in the sentence
            for i, q in enumerate(p.quote_ids):
                if q >= 0:
                    quote_spans[q].append((s.index, p.tokens.start[i], p.tokens.end[i]))
        for said in p.said:
            inside = [p.quote_ids[i] for i in range(said.content_start, said.content_end)
                      if p.tokens.lower[i].isalnum()]
            if inside and all(q >= 0 for q in inside):
                continue  # the quotation itself is the statement
            if said.content_end <= said.content_start:
                continue
            a = p.tokens.start[said.content_start]
            b = p.tokens.end[said.content_end - 1]
            statements.append(Statement(said.speaker.party, said.speaker.text, "reported", a, b,
                                        text[a:b], s.index,
                                        sentence_sentiment(text[a:b]) if with_sentiment else 0.0))
    for q, spans in sorted(quote_spans.items()):
        a, b = spans[0][1], spans[-1][2]
        body = text[a:b]
        sp = speakers.get(q)
        statements.append(Statement(sp.party if sp else None, sp.text if sp else "", "quote", a,
                                    b, body, spans[0][0],
                                    sentence_sentiment(body) if with_sentiment else 0.0))
    statements.sort(key=lambda st: (st.start, st.kind))
    parties = _summaries(text, sentences, mentions, framings, statements, with_sentiment)
    meta = {
        "framing_version": __version__,
        "method": "lexicon",
        "lexicons": lexicon_versions(),
        "lexicon_sources": list(lex.sources),
        "actors_mode": actors_mode,
        "n_actor_parties": len(actor_dict.parties),
        "sentiment_toward": SENTENCE_VADER if with_sentiment else None,
    }
    return ArticleFraming(
        text=text,
        sentences=tuple(sentences),
        boilerplate=tuple((b.start, b.end, b.reason) for b in art.boilerplate),
        mentions=tuple(mentions),
        framings=tuple(framings),
        statements=tuple(statements),
        parties=parties,
        meta=meta,
    )


def dominant_frames(counts: dict[str, int]) -> tuple[str, ...]:
    """The frames with the largest count, in guideline order; ``("none",)`` if all are zero.

    Examples
    --------
    >>> dominant_frames({"hard-line": 2, "skeptical": 2, "conciliatory": 1})
    ('hard-line', 'skeptical')
    >>> dominant_frames({"hard-line": 0, "skeptical": 0, "conciliatory": 0})
    ('none',)
    """
    top = max(counts.values(), default=0)
    if top == 0:
        return (NONE,)
    return tuple(f for f in FRAMES if counts.get(f, 0) == top)


def rebuild_summaries(base: ArticleFraming, framings, target: dict[str, list[float]] | None = None
                      ) -> dict[str, PartySummary]:
    """Per-party summaries of ``base`` recomputed for other framings (e.g. a classifier's).

    With ``target`` (the party-aware sentiment of each party's sentences), ``sentiment_toward``
    is their mean and its measure ``"party-aware"``; without, it stays the sentence VADER mean.
    """
    with_sentiment = base.meta.get("sentiment_toward") is not None
    return _summaries(base.text, base.sentences, base.mentions, framings, base.statements,
                      with_sentiment, target)


def _summaries(text, sentences, mentions, framings, statements, with_sentiment, target=None):
    order: list[str] = []
    n_mentions: Counter[str] = Counter()
    sents_of: dict[str, set[int]] = defaultdict(set)
    first: dict[str, tuple[int, int]] = {}
    for m in mentions:
        if m.actor not in first:
            order.append(m.actor)
            first[m.actor] = (m.sentence, m.start)
        n_mentions[m.actor] += 1
        sents_of[m.actor].add(m.sentence)
    for f in framings:
        if f.actor not in first:
            order.append(f.actor)
            first[f.actor] = (f.sentence, f.cue_start)
    framed: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for f in framings:
        framed[f.actor][f.frame].add(f.sentence)
    title = {s.index for s in sentences if s.is_title}
    sentiment_of = {s.index: s.sentiment for s in sentences}
    out = {}
    length = max(len(text), 1)
    for actor in order:
        counts = {fr: len(framed[actor][fr]) for fr in FRAMES}
        total = sum(counts.values())
        framed_sents = set().union(*framed[actor].values()) if framed[actor] else set()
        tone = [sentiment_of[k] for k in sorted(sents_of[actor])]
        tone_mean = fmean(tone) if (tone and with_sentiment) else None
        if not with_sentiment:
            toward, toward_n, measure = None, len(tone), ""
        elif target is not None:
            values = target.get(actor, [])
            toward, toward_n, measure = (fmean(values) if values else None), len(values), \
                PARTY_AWARE
        else:
            toward, toward_n, measure = tone_mean, len(tone), SENTENCE_VADER
        by = [st.sentiment for st in statements if st.actor == actor]
        out[actor] = PartySummary(
            actor=actor,
            mentions=n_mentions[actor],
            sentences=len(sents_of[actor]),
            framed_sentences=len(framed_sents),
            frame_counts=counts,
            frame_shares={fr: (counts[fr] / total if total else 0.0) for fr in FRAMES},
            dominant=dominant_frames(counts),
            sentiment_toward=toward,
            sentiment_toward_n=toward_n,
            sentiment_by=fmean(by) if (by and with_sentiment) else None,
            sentiment_by_n=len(by),
            voice=len(by),
            in_title=bool(sents_of[actor] & title),
            first_mention=first[actor][0],
            first_mention_position=first[actor][1] / length,
            sentiment_toward_measure=measure,
            sentence_tone=tone_mean,
            sentence_tone_n=len(tone),
        )
    return out
