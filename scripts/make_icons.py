"""Render the home-screen icons of the offline outreach app from Brobygger's SVG icon.

    .venv/bin/python scripts/make_icons.py     (CHROMIUM=/path/to/chromium to use another browser)

Android's "Add to Home screen" wants PNGs of 192 and 512 px in the web app manifest, and a
"maskable" one that it may crop to a circle or a squircle; an iPhone takes only a PNG
apple-touch-icon (180 px) and fills transparency with black. So every icon comes from the one
SVG (brobygger/static/brobygger/favicon.svg), drawn by headless Chromium as a browser would:
- "any": the SVG as it is, its rounded corners transparent;
- maskable and Apple: full-bleed in the SVG's background colour, the bridge drawn at 80 % in the
  middle, so it stays inside the safe zone (a circle of 40 % of the size around the centre).
Pillow writes the PNGs again without metadata, so a run on the same Chromium gives the same files.
The manifest (outreach.views.HOME_SCREEN_ICONS) and outreach/templates/outreach/_offline_head.html name them.
"""

import base64
import io
import os
import xml.etree.ElementTree as ET  # nosec B405  # parses only our own SVG from the repository
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "brobygger/static/brobygger/favicon.svg"
TARGET = ROOT / "outreach/static/outreach/icons"
# (file name, size in px, full-bleed): outreach.views.HOME_SCREEN_ICONS lists the manifest's, with their purpose.
ICONS = [
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
    ("apple-touch-icon-180.png", 180, True),
]
SAFE_SCALE = 0.8


SVG_NS = "http://www.w3.org/2000/svg"


def without_background(svg: str) -> tuple[str, str]:
    """The SVG without its background (its first rectangle, with rounded corners), and that colour:
    full-bleed, the square is filled with it instead, with no seam where the corners were."""
    ET.register_namespace("", SVG_NS)
    root = ET.fromstring(svg)  # noqa: S314  # nosec B314  # our own SVG from the repository
    rect = root.find(f"{{{SVG_NS}}}rect")
    root.remove(rect)
    return ET.tostring(root, encoding="unicode"), rect.get("fill")


def page(svg: str, size: int, full_bleed: bool) -> str:
    drawn, fill = size, "transparent"
    if full_bleed:
        svg, fill = without_background(svg)
        drawn = round(size * SAFE_SCALE)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return (
        "<!doctype html><html><body style='margin:0;background:transparent'>"
        f"<div style='width:{size}px;height:{size}px;background:{fill};display:flex;"
        "align-items:center;justify-content:center'>"
        f"<img src='{src}' width='{drawn}' height='{drawn}' alt=''></div></body></html>"
    )


def main():
    svg = SOURCE.read_text()
    TARGET.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
        for name, size, full_bleed in ICONS:
            tab = browser.new_page(viewport={"width": size, "height": size}, device_scale_factor=1)
            tab.set_content(page(svg, size, full_bleed))
            tab.wait_for_function("document.images[0].complete")
            shot = tab.screenshot(omit_background=True, clip={"x": 0, "y": 0, "width": size, "height": size})
            tab.close()
            image = Image.open(io.BytesIO(shot)).convert("RGBA")
            if full_bleed:  # an iPhone shows transparency as black; a maskable icon has none
                image = image.convert("RGB")
            image.save(TARGET / name, "PNG", optimize=True)
            print(f"{(TARGET / name).relative_to(ROOT)}: {size}x{size}")
        browser.close()


if __name__ == "__main__":
    main()
