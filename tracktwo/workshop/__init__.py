"""The workshop kit: session plans, printed sheets (handouts, card sets, key sheets), the
simulation, and the packing of the offline kit (``make kit``).

* :mod:`.plans` loads ``data/workshop/plans.yaml``, checks it against its JSON Schema, checks that
  the minutes add up and that everything a plan names exists.
* :mod:`.simulation` loads the two simulations, ``data/workshop/simulation.yaml`` (Meranth, the
  problem-solving workshop) and ``simulation-talvane.yaml`` (three tracks competing for the same
  people and money); :mod:`.simulation_sheets` prints their briefs, observer sheets, scripts and injects.
* :mod:`.cards` turns exercise banks and data into cut-out card sets and their keys.
* :mod:`.sheets` writes the printable HTML pages; `scripts/print_sheets.py` prints them with Chromium.
* :mod:`.carry` loads ``data/workshop/carry.yaml``: each printed sheet's mark, "safe to carry" or
  "stays in the room", with a one-line reason (printed on the sheet, listed by the safety protocol).
* :mod:`.protocol` prints the safety protocol (``book/facilitate/safety.md``) as a kit sheet.
* :mod:`.kit` packs editions and PDFs into ``_build/kit``.

Every loader raises :class:`WorkshopError` with one message naming the file, the entry and the field.
"""

from .checked_yaml import WorkshopError

__all__ = ["WorkshopError"]
