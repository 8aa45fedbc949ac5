"""Design a dialogue: the learner's choices, the brief's rules over them, and a printable summary.

* :mod:`.rules`: load and check ``data/design_rules.yaml``; :func:`.rules.evaluate` (pure) gives the
  findings for a design.
* :mod:`.summary`: the printable summary (Markdown / plain text, and HTML for the lab and the
  worked examples).
* :mod:`.markup`: the static book's markup (the rules embedded as JSON for ``static/design.js``).
* :mod:`.lab_form`: the JupyterLab form (ipywidgets) over the same evaluator.
"""
