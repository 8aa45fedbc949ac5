"""Conflict maps: one front end (``js/``), two hosts (the static book and JupyterLab).

* :mod:`.model`    what a map spec and a saved map state must look like (the checks both hosts use);
* :mod:`.table1`   the brief's Table 1 as a map spec, from ``data/relations.csv`` and ``actors.csv``;
* :mod:`.channels` the dialogue channels after the coup, from ``data/maps/channels.yaml``;
* :mod:`.placing`  scoring for "Placing dialogues" (twin: ``js/src/placing_score.js``);
* :mod:`.html`     the static book's markup (a ``<div>`` with the state in a JSON block);
* :mod:`.widget`   the anywidget host for JupyterLab.

Design: ``docs/decisions/0011-conflict-maps.md``.
"""

from .model import MapError, map_problems, state_problems

__all__ = ["MapError", "map_problems", "state_problems"]
