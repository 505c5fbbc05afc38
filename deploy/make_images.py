#!/usr/bin/env python3
"""Draw the app's own icon and link-preview image into deploy/public (nginx serves them; see nginx.conf).

    .venv/bin/python deploy/make_images.py [--out DIR]

Made from the project's own sources only: the icon as static/icon.png shows it (a white check mark on
the theme's blue, .streamlit/config.toml), the words from the start page, and the font the app itself shows,
Source Sans, as Streamlit ships it (a variable WOFF2 that Pillow's FreeType reads). Nothing is downloaded. The
results are committed; run this again after changing a word or a colour (tests/deploy/test_first_impression.py
checks that it runs and what it makes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PUBLIC = Path(__file__).with_name("public")
BLUE = (31, 95, 139)  # theme.primaryColor #1f5f8b
INK = (16, 23, 29)  # theme.textColor #10171d
PALE = (242, 245, 248)  # theme.secondaryBackgroundColor #f2f5f8
WHITE = (255, 255, 255)
PREVIEW_SIZE = (1200, 630)
TITLE = "Nutzt Meta meine Daten für KI?"
LINES = (
    "Seit dem 27. Mai 2025 trainiert Meta seine KI",
    "mit Daten von Erwachsenen aus der EU und dem EWR.",
    "Ein paar Fragen: was Sie betrifft, seit wann,",
    "was Sie noch tun können – mit Quellen.",
)


def font(weight: bytes, size: int) -> ImageFont.FreeTypeFont:
    """Source Sans from Streamlit's own static files, at one of its named weights."""
    import streamlit

    media = Path(streamlit.__file__).parent / "static" / "static" / "media"
    (path,) = media.glob("SourceSansVF-Upright.ttf.*.woff2")
    face = ImageFont.truetype(str(path), size)
    face.set_variation_by_name(weight)
    return face


def icon(size: int) -> Image.Image:
    """The app's icon (static/icon.png) drawn at `size`: a rounded blue square with a white check mark."""
    scale = 4  # drawn large, then scaled down: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.16, fill=BLUE)
    points = [(big * 0.25, big * 0.52), (big * 0.43, big * 0.70), (big * 0.76, big * 0.33)]
    draw.line(points, fill=WHITE, width=round(big * 0.11), joint="curve")
    for x, y in (points[0], points[-1]):  # round line caps
        r = big * 0.055
        draw.ellipse((x - r, y - r, x + r, y + r), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def preview() -> Image.Image:
    """The 1200x630 link preview: icon, name, the start page's question and what the check answers."""
    image = Image.new("RGB", PREVIEW_SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, PREVIEW_SIZE[0], 24), fill=BLUE)
    draw.rectangle((0, PREVIEW_SIZE[1] - 90, PREVIEW_SIZE[0], PREVIEW_SIZE[1]), fill=PALE)
    image.paste(icon(120), (80, 80), icon(120))
    draw.text((230, 100), "Meta-KI-Check", font=font(b"Bold", 64), fill=BLUE)
    draw.text((80, 235), TITLE, font=font(b"Bold", 70), fill=INK)
    body = font(b"Regular", 38)
    for i, line in enumerate(LINES):
        draw.text((80, 335 + i * 46), line, font=body, fill=INK)
    draw.text(
        (80, PREVIEW_SIZE[1] - 68),
        "Ohne Anmeldung · speichert nichts · jede Aussage mit Quelle",
        font=font(b"Semibold", 34),
        fill=BLUE,
    )
    return image


def make(out: Path = PUBLIC) -> list[Path]:
    """Write favicon.ico, apple-touch-icon.png and assets/og-image.png into `out`."""
    (out / "assets").mkdir(parents=True, exist_ok=True)
    written = [out / "favicon.ico", out / "apple-touch-icon.png", out / "assets" / "og-image.png"]
    icon(256).save(written[0], sizes=[(16, 16), (32, 32), (48, 48)])
    # A touch icon is shown on an opaque tile: no transparent corners (iOS would paint them black).
    touch = Image.new("RGB", (180, 180), BLUE)
    touch.paste(icon(180), (0, 0), icon(180))
    touch.save(written[1], optimize=True)
    preview().save(written[2], optimize=True)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=PUBLIC, help="directory to write into (default deploy/public)"
    )
    args = parser.parse_args(argv)
    for path in make(args.out):
        print(path, path.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
