"""Exception and warning classes of ``framing``.

Every error subclasses :class:`FramingError` and the builtin it resembles, so callers can
catch either. Messages name the file, line or record, the value received and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable


class FramingError(Exception):
    """Base class of every error raised by ``framing``."""


class LexiconError(FramingError, ValueError):
    """A lexicon or actor file is malformed; the message starts with ``file:line:``."""


class ActorError(FramingError, ValueError):
    """An actor dictionary passed by the user is malformed."""


class InputError(FramingError, ValueError):
    """An article or corpus record cannot be read (binary, wrong encoding, wrong type)."""


class GoldError(FramingError, ValueError):
    """A gold-coded file does not follow the format of the annotation guideline."""


class ResourceError(FramingError, RuntimeError):
    """A resource the package needs (e.g. the VADER lexicon) is not installed."""


class SentimentFallbackWarning(UserWarning):
    """Sentiment toward a party is the sentence VADER mean, because the party-aware model
    cannot be used (no sentiment part in the model, or the model cannot be loaded); the result
    says so in ``sentiment_toward_measure``."""


def one_of(name: str, value: object, options: Iterable[object]) -> str:
    """Format "`name` must be one of [...]; got value" for parameter errors.

    Examples
    --------
    >>> one_of("format", "xml", ["table", "json"])
    "format must be one of ['table', 'json']; got 'xml'"
    """
    return f"{name} must be one of {list(options)!r}; got {value!r}"
