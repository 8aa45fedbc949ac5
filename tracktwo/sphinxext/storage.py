"""Browser storage on every page: ``assets/tracktwo/storage.js`` (``window.TTStorage``), loaded first.

It is the one home for what the course keeps in the browser (the key scheme, set aside, the keep
mode and "clear everything"); every page script keeps learners' work through it. The page gets the
edition's settings (:func:`tracktwo.editions.settings`) on the script's tag: the key prefix
(``tracktwo``, or ``cn`` in a neutral edition), the course version and the default keep mode
(``TRACKTWO_KEEP`` or the config value ``tracktwo_keep``, registered here once). The script is the
first row of the asset table (:mod:`.page_assets`).
"""

from __future__ import annotations

from typing import Any

from tracktwo import COURSE_VERSION

STORAGE_JS = "tracktwo/storage.js"


def script_attributes(edition) -> dict[str, str]:
    """The data attributes storage.js reads from its own tag (pure; tests call it)."""
    return {"data-prefix": edition.storage_prefix, "data-course-version": COURSE_VERSION, "data-keep": edition.keep}


def setup(app) -> dict[str, Any]:
    app.add_config_value("tracktwo_keep", "device", "env", types=[str])
    return {"parallel_read_safe": True, "parallel_write_safe": True}
