"""Track Two course package: data loaders, figures, exercises, widgets and the book's Sphinx plugin.

Everything the notebooks and the book share lives here, so that the static book and the live
JupyterLab notebooks call the same tested functions.
"""

#: The release version: the one place it is written (pyproject.toml reads it; see CHANGELOG.md).
__version__ = "0.2.0"

#: The course version keys learners' saved answers in the browser (localStorage).
COURSE_VERSION = "2026.1"
