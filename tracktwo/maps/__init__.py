"""Conflict maps: one front end (``js/``), two hosts (the static book and JupyterLab).

* :mod:`.model`    what a map spec and a saved map state must look like (the checks both hosts use);
* :mod:`.table1`   the brief's Table 1 as a map spec, from ``data/relations.csv`` and ``actors.csv``;
* :mod:`.channels` the dialogue channels after the coup, from ``data/maps/channels.yaml``;
* :mod:`.placing`  scoring for "Placing dialogues" (twin: ``js/src/placing_score.js``);
* :mod:`.notation` the conflict-mapping notation (kinds of actor and line, words, styles), from its one
  home ``data/maps/notation.json`` (also bundled into the JavaScript and drawn on the printed legend);
* :mod:`.learner`  a learner's own map: format v1, checks, JSON/CSV, drawing spec, comparison
  (twin: ``js/src/learner_map.js``; schema ``data/maps/learner-map.schema.json``);
* :mod:`.worksheet` the companion tools (tree, onion, ABC triangle, stakeholder grid) as worksheets
  (twin: ``js/src/worksheet_model.js``);
* :mod:`.practice` invented practice cases (``data/maps/practice-*.yaml``);
* :mod:`.html`     the static book's markup (a ``<div>`` with the state in a JSON block);
* :mod:`.map_widgets` the anywidget hosts for JupyterLab (``MapBuilder`` saves beside the notebook).

Design: ``docs/decisions/0011-conflict-maps.md``.
"""

from .model import MapError, map_problems, state_problems

__all__ = ["MapError", "map_problems", "state_problems"]
