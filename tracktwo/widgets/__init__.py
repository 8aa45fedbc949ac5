"""Live views for JupyterLab (ipywidgets): thin shells over the models and figure builders.

* :mod:`.timeline_explorer`: filter the timeline by period, category and actor.
* :mod:`.ripeness_explorer`: rate eight ripeness and readiness ingredients and see the model's reading.

The exercise engine's view lives with the engine (:mod:`tracktwo.exercises.widget`). In the static
book every live view is replaced by a notice (:mod:`tracktwo.sphinxext.mime_renderers`).
"""
