"""Draw a share card as PNG bytes with Pillow, from the fonts kept in the repository.

No system font lookup and no network: the font is ``fonts/wqy-microhei.ttc`` (Latin and
Chinese in one face; licence and origin in ``fonts/README.md``). Output is deterministic: the
basic layout engine (no HarfBuzz/raqm from the system), a fixed palette, and a PNG written
without metadata, so two builds write the same bytes.
"""
from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .cardlayout import HEIGHT, WIDTH, CardText, Line, layout_card, pill_box

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
FONTS = [FONT_DIR / "wqy-microhei.ttc"]
BACKGROUND = (255, 255, 255)
BAND = (57, 73, 171)      # the site's indigo
INK = {"site": BAND, "title": (26, 28, 46), "subtitle": (84, 88, 104), "topic": (84, 88, 104),
       "host": BAND, "difficulty": (255, 255, 255)}
PILL = {"easy": (46, 125, 50), "medium": (191, 84, 0), "hard": (198, 40, 40)}
BAND_WIDTH = 20


@functools.lru_cache(maxsize=None)
def font(size: int) -> ImageFont.FreeTypeFont:
    """The card face at ``size`` pixels (loaded once per size and process)."""
    return ImageFont.truetype(str(FONTS[0]), size, index=0, layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=65536)
def measure(text: str, size: int) -> tuple[float, float, float, float]:
    """Ink box of ``text`` drawn at (0, 0), anchored at its top-left (ascender line).

    Spaces have no ink but do have width: their box spans their advance, so wrapping can add
    word widths up.
    """
    if text.isspace():
        return (0, 0, font(size).getlength(text), 0)
    return font(size).getbbox(text, anchor="la")


@functools.lru_cache(maxsize=1)
def _palette() -> Image.Image:
    """Every colour on a card: each ink blended over its background in 16 steps."""
    pairs = [(BACKGROUND, ink) for ink in sorted(set(INK.values()) - {INK["difficulty"]})]
    pairs += [(pill, INK["difficulty"]) for pill in PILL.values()]
    colours = [BAND]
    for back, ink in pairs:
        for step in range(17):
            colour = tuple(round(b + (i - b) * step / 16) for b, i in zip(back, ink))
            if colour not in colours:
                colours.append(colour)
    palette = Image.new("P", (1, 1))
    palette.putpalette([c for colour in colours for c in colour] + [0, 0, 0] * (256 - len(colours)))
    return palette


def layout(text: CardText) -> list[Line]:
    return layout_card(text, measure)


def render(text: CardText) -> bytes:
    """The card as PNG bytes, 1200x630."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, BAND_WIDTH - 1, HEIGHT - 1), fill=BAND)
    for line in layout(text):
        if line.role == "difficulty":
            draw.rounded_rectangle(pill_box(line), radius=22, fill=PILL.get(text.difficulty, BAND))
        draw.text((line.x, line.y), line.text, font=font(line.size), fill=INK[line.role], anchor="la")
    # A card has a handful of colours and their anti-aliased blends: mapped onto a fixed palette
    # of exactly those, it looks the same, is a third of the size and encodes faster than RGB.
    image = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()
