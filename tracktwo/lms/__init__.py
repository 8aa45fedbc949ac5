"""Export the course's exercise banks to a learning-management system (LMS): ``make lms``.

An output, like ``sphinxext/`` (the book) and ``workshop/`` (the printed kit): pure writers that
turn the banks (read through :func:`tracktwo.exercises.load_bank`, so every item a bank gains is
exported) into strings, and a thin script (``scripts/build_lms.py``) that writes them to
``_build/lms/``. Design and the mapping of each item type: docs/decisions/0015-lms-export.md.

* :mod:`.lms_items` chooses the banks and items, maps each type to what an LMS has, and holds the
  texts every format shares (prompt, feedback, positions, weights, the count per type);
* :mod:`.moodle_xml` writes Moodle XML, :mod:`.gift` GIFT, :mod:`.qti` a QTI 1.2 package for Canvas;
* :mod:`.course_links` writes the list of chapter links for a course page (no keys).
"""

from .course_links import chapter_pages, links_html, links_markdown
from .gift import gift_escape, gift_text
from .lms_items import FORMATS, TARGETS, LmsError, LmsExport, export_banks, readme_text
from .moodle_xml import moodle_xml
from .qti import qti_files, qti_zip

__all__ = [
    "FORMATS",
    "TARGETS",
    "LmsError",
    "LmsExport",
    "chapter_pages",
    "export_banks",
    "gift_escape",
    "gift_text",
    "links_html",
    "links_markdown",
    "moodle_xml",
    "qti_files",
    "qti_zip",
    "readme_text",
]
