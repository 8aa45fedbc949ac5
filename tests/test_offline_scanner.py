"""The scanner behind the offline guard finds every kind of third-party load, and only those."""

import pytest

from tracktwo.sphinxext.offline_guard import find_remote_resources, is_remote


@pytest.mark.parametrize(
    "html, kind",
    [
        ('<script src="https://cdn.jsdelivr.net/npm/x.js"></script>', "script"),
        ("<script defer src='//unpkg.com/thebe'></script>", "script"),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Lato">', "stylesheet or preload"),
        ('<link href="https://fonts.gstatic.com/x.woff2" rel="preload" as="font">', "stylesheet or preload"),
        ('<img src="https://example.org/pixel.gif" alt="">', "image"),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "frame"),
        ("<style>@import url('https://fonts.googleapis.com/css2');</style>", "css import or url()"),
        ("body { background: url(https://example.org/bg.png) }", "css import or url()"),
    ],
)
def test_remote_resources_are_found(html, kind):
    found = find_remote_resources(html)
    assert [k for k, _ in found] == [kind]


@pytest.mark.parametrize(
    "html",
    [
        '<script src="_static/vendor/plotly/plotly-basic.min.js"></script>',
        '<link rel="stylesheet" href="../_static/styles/theme.css">',
        '<a href="https://www.swisspeace.ch/report.pdf">a link the reader may follow</a>',
        '<img src="data:image/png;base64,AAAA" alt="">',
    ],
)
def test_local_resources_and_plain_links_are_not_flagged(html):
    assert find_remote_resources(html) == []


def test_is_remote():
    assert is_remote("https://x.org/a.js") and is_remote("//x.org/a.js")
    assert not is_remote("_static/a.js") and not is_remote("/abs/a.js")
