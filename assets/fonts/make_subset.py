#!/usr/bin/env python3
"""Builds the PDF exporter's default font: Noto Serif CJK SC (SIL OFL 1.1), cut down to the
characters of the 通用规范汉字表 (the 8,105 characters of the national standard list, kept beside
this script as `tongyong-guifan-hanzi.txt`), GB 2312, ASCII and Latin-1, the punctuation, symbols,
enclosed numbers, full-width forms and units seen in reports, the repository's own texts and every
report of the corpus, with its CFF outlines converted to TrueType (quadratic) outlines, which the
PDF writer embeds.

    python3 assets/fonts/make_subset.py /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \\
        ../shared/corpus assets/fonts/NotoSerifCJKsc-Subset.ttf

Needs fontTools (pip install fonttools); the source font comes from Debian's fonts-noto-cjk.
"""

import pathlib
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SC_FACE = "Noto Serif CJK SC"

# Unicode blocks of the symbols reports use, kept as far as the source font has them: Latin-1
# (° ± × ÷), Greek, general punctuation (• ‰ ※), letterlike (℃ №), number forms (Ⅰ–Ⅻ), arrows,
# mathematical operators (≤ ≥ ≠), enclosed alphanumerics (① ⑴ ⒈), box drawing, geometric
# shapes (■ □ ●), miscellaneous symbols (★ ☆), dingbats (✓), CJK symbols and punctuation,
# enclosed CJK (㈠ ㊀), CJK compatibility (㎡ ㎏), CJK compatibility forms, full-width forms.
SYMBOL_BLOCKS = [
    (0x00A0, 0x00FF), (0x0391, 0x03C9), (0x2010, 0x205E), (0x2100, 0x214F), (0x2150, 0x218F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),
    (0x2600, 0x26FF), (0x2700, 0x27BF), (0x3000, 0x303F), (0x3200, 0x32FF), (0x3300, 0x33FF),
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
]
FAMILY = "Noto Serif CJK SC Subset"


def gb2312():
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def texts(root, suffixes):
    chars = set()
    for path in pathlib.Path(root).rglob("*"):
        if path.is_file() and path.suffix in suffixes:
            chars |= set(path.read_text(encoding="utf-8", errors="ignore"))
    return chars


def to_quadratic(font):
    """CFF outlines to TrueType ones (the fontTools otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    for name in order:
        width, _ = font["hmtx"][name]
        glyph = glyf[name]
        font["hmtx"][name] = (width, getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    font["maxp"] = maxp
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"


def main(source, corpus, output, face_name=SC_FACE, family=FAMILY, headings=False):
    """Cuts `source` (a collection's face `face_name`, or a single font) down and saves `output`
    renamed `family`. With `headings`, only the first 3,500 characters of the standard list (its
    level-one characters, those in common use), GB 2312's punctuation and symbols and ASCII are
    kept: heading faces, whose rarer characters the body face draws."""
    if source.endswith((".ttc", ".otc")):
        face = next(f for f in TTCollection(source).fonts if f["name"].getDebugName(4) == face_name)
    else:
        face = TTFont(source)
    repository = pathlib.Path(__file__).resolve().parents[2]
    here = pathlib.Path(__file__).resolve().parent
    listed = (here / "tongyong-guifan-hanzi.txt").read_text(encoding="utf-8").split()
    punctuation = set("—–…·‘’“”〔〕【】《》〈〉「」『』（）［］｛｝：；，。、！？％＋－／＝")
    if headings:
        chars = set(listed[:3500]) | {chr(c) for c in range(0x20, 0x7F)} | punctuation
        chars |= {c for c in gb2312() if not ("\u4e00" <= c <= "\u9fff")}
        chars |= {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF00, 0xFFF0)}
    else:
        chars = set(listed) | gb2312() | {chr(c) for c in range(0x20, 0x7F)} | punctuation
        for first, last in SYMBOL_BLOCKS:
            chars |= {chr(c) for c in range(first, last + 1)}
        chars |= texts(corpus, {".txt", ".html", ".md", ".json"})
        chars |= texts(repository / "crates", {".rs"})
        chars |= texts(repository / "samples", {".txt"})
    chars = {c for c in chars if c.isprintable() and ord(c) >= 0x20}
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "BASE", "JSTF"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(face)
    if "CFF " in face:
        to_quadratic(face)
    for record in face["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
    face.save(output)
    covered = set(chr(c) for c in face.getBestCmap())
    print(f"{output}: {len(covered)} characters, {pathlib.Path(output).stat().st_size} bytes")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    flags = {"--face": SC_FACE, "--family": FAMILY}
    positional = []
    headings = False
    while arguments:
        argument = arguments.pop(0)
        if argument in flags:
            flags[argument] = arguments.pop(0)
        elif argument == "--headings":
            headings = True
        else:
            positional.append(argument)
    main(*positional[:3], face_name=flags["--face"], family=flags["--family"], headings=headings)
