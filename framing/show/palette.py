"""The colours of the three frames, defined once for plots and HTML.

The colours are from the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), chosen
so that the three frames stay apart for protanopia, deuteranopia and tritanopia (CIELAB
ΔE ≥ 18 between every pair under the Machado et al. 2009 simulations) and differ in
lightness, so they still separate in greyscale (L* 54, 71 and 46).
Warm for hard-line, cool for conciliatory, the light orange between them for skeptical.

This module imports nothing, so :mod:`framing.show.html` can use it without matplotlib.
"""

from __future__ import annotations

from ..labels import CONCILIATORY, HARD_LINE, SKEPTICAL

#: Colour of each frame (Okabe–Ito vermillion, orange and blue).
FRAME_COLORS: dict[str, str] = {
    HARD_LINE: "#D55E00",
    SKEPTICAL: "#E69F00",
    CONCILIATORY: "#0072B2",
}

#: Text colour with the higher WCAG contrast on each frame's colour (5.4, 9.3 and 5.2 : 1).
FRAME_TEXT_COLORS: dict[str, str] = {
    HARD_LINE: "#000000",
    SKEPTICAL: "#000000",
    CONCILIATORY: "#FFFFFF",
}

#: One-letter tag per frame, a second channel besides colour (greyscale print, colour blindness).
FRAME_LETTERS: dict[str, str] = {HARD_LINE: "H", SKEPTICAL: "S", CONCILIATORY: "C"}

#: Colours for parties or outlets (Okabe–Ito without the three frame colours), for plots in
#: which colour names a party rather than a frame; markers and line styles repeat the cycle.
CATEGORY_COLORS: tuple[str, ...] = (
    "#000000",  # black
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#009E73",  # bluish green
    "#999999",  # grey
    "#8C510A",  # brown (ColorBrewer BrBG), darker than the Okabe–Ito yellow
)

#: Diverging pair for sentiment (negative, positive), apart from the frame colours.
SENTIMENT_COLORS: tuple[str, str] = ("#CC79A7", "#56B4E9")
