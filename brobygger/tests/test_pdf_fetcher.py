"""A PDF is rendered from the app's own static files only: never another file on the server."""

import pytest

from brobygger.pdf import pdf_document, static_files_fetcher, stylesheet_path


def test_the_fetcher_opens_the_apps_own_static_files():
    response = static_files_fetcher().fetch(f"file://{stylesheet_path()}")
    assert b"@font-face" in response.read()


@pytest.mark.parametrize("url", ["file:///etc/hostname", "file:///proc/self/environ", "http://example.org/x.png"])
def test_the_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError):
        static_files_fetcher().fetch(url)


def test_a_static_path_that_climbs_out_is_refused():
    climbing = f"file://{stylesheet_path()}/../../../../../../../../etc/hostname"
    with pytest.raises(ValueError):
        static_files_fetcher().fetch(climbing)


def test_a_document_naming_another_file_renders_without_it(tmp_path):
    import segno

    picture = tmp_path / "picture.png"
    segno.make("x").save(picture, scale=4)
    # The image is refused, not embedded: the laid-out document has no image at all.
    document = pdf_document(f'<html lang="da"><title>t</title><img src="file://{picture}" alt="x"><p>x</p></html>')
    images = [box for page in document.pages for box in _descendants(page._page_box) if type(box).__name__ == "InlineReplacedBox"]
    assert images == []


def _descendants(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _descendants(child)
