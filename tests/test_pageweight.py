"""The page-weight model: gzip level 6 for text, already-compressed formats as they are."""

import gzip

from pageweight import Visit, transfer_size


def test_text_counts_compressed_and_fonts_count_as_they_are():
    body = b"a" * 10_000
    assert transfer_size("https://h/x.js?v=1", body) == len(gzip.compress(body, 6, mtime=0))
    assert transfer_size("/_static/fa-solid-900.woff2", body) == 10_000
    assert transfer_size("/img/photo.JPG", body) == 10_000


def test_repeat_visit_drops_what_the_earlier_visit_fetched():
    first = Visit("p", {"a.js": (100, 40), "page.html": (50, 20)})
    earlier = Visit("q", {"a.js": (100, 40), "q.html": (60, 25)})
    repeat = first.minus(earlier)
    assert repeat.resources == {"page.html": (50, 20)} and repeat.compressed == 20 and first.compressed == 60
