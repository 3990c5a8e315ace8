"""The offline outreach app's home-screen icons: the files the manifest and the form pages name exist,
and are what they say (made by scripts/make_icons.py)."""

import math
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image


def icon_file(url):
    assert url.startswith(settings.STATIC_URL), url
    path = finders.find(url.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is not among the static files"
    return Image.open(path)


def assert_full_bleed_with_the_bridge_in_the_safe_zone(image):
    """Opaque to the edge (an iPhone shows transparency as black, Android crops a maskable icon to its
    own shape), and nothing but background outside the circle of 40 % of the size around the centre."""
    rgba = image.convert("RGBA")
    size = rgba.width
    assert rgba.getextrema()[3] == (255, 255)
    corner = rgba.getpixel((0, 0))
    centre, radius = (size - 1) / 2, 0.4 * size
    outside = [
        (x, y) for x in range(size) for y in range(size)
        if math.hypot(x - centre, y - centre) > radius and rgba.getpixel((x, y)) != corner
    ]
    assert outside == []


def test_the_manifest_offers_png_icons_of_192_and_512_px_and_a_maskable_one(client):
    manifest = client.get(reverse("outreach_manifest", args=["exit"])).json()
    pngs = [icon for icon in manifest["icons"] if icon["type"] == "image/png"]
    assert {(icon["sizes"], icon["purpose"]) for icon in pngs} == {
        ("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in pngs:
        image = icon_file(icon["src"])
        assert image.format == "PNG"
        assert "x".join(map(str, image.size)) == icon["sizes"]
        if icon["purpose"] == "maskable":
            assert_full_bleed_with_the_bridge_in_the_safe_zone(image)
        else:  # the SVG's rounded corners stay transparent
            assert image.convert("RGBA").getpixel((0, 0))[3] == 0


def test_the_form_pages_give_an_iphone_a_png_icon_of_180_px(client_as, world):
    page = client_as("outreach").get(reverse("outreach_log", args=[world.project.slug])).content.decode()
    (href,) = re.findall(r'<link rel="apple-touch-icon" href="([^"]+)"', page)
    image = icon_file(href)
    assert (image.format, image.size) == ("PNG", (180, 180))
    assert_full_bleed_with_the_bridge_in_the_safe_zone(image)
