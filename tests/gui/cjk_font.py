"""A tiny font with Chinese glyphs, made by the test itself: the suite depends on no font of the machine.

Every CJK ideograph (and the CJK punctuation and full-width forms) maps to one square glyph. That is enough for
fontconfig to say the font covers Simplified Chinese, which is all Qt asks when it lists the writing systems.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

#: What fontconfig's zh-cn orthography draws from: ideographs, CJK and general punctuation, modifier letters.
BLOCKS = ((0x02C0, 0x02FF), (0x2000, 0x206F), (0x3000, 0x33FF), (0x4E00, 0x9FFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


def _square(size: int):
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, size - 100))
    pen.lineTo((size - 50, size - 100))
    pen.lineTo((size - 50, 0))
    pen.closePath()
    return pen.glyph()


def write_cjk_font(path: Path, family: str = "Workbench Test CJK") -> Path:
    """Writes a TrueType font whose every CJK code point draws a square; returns `path`."""
    size = 1000
    fb = FontBuilder(size, isTTF=True)
    fb.setupGlyphOrder([".notdef", "square"])
    fb.setupCharacterMap({cp: "square" for lo, hi in BLOCKS for cp in range(lo, hi + 1)})
    fb.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "square": _square(size)})
    fb.setupHorizontalMetrics({".notdef": (size, 0), "square": (size, 50)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
                ulCodePageRange1=1 << 18)  # code page 936: Simplified Chinese
    fb.setupPost()
    fb.save(str(path))
    return path
