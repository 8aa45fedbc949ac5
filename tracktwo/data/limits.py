"""The bounds every reader of course files keeps, in one place (tests check each of them).

A file larger than its bound is refused before it is read into memory; anything within the bounds
is accepted or refused within :data:`TIME_BOUND_SECONDS` on the course's reference machine (two
shared cores), which ``tests/test_malformed_limits.py`` measures with generated files.
"""

#: Largest CSV table, BibTeX file or datapackage.json read at all (the course's largest is 42 KB).
MAX_FILE_BYTES = 10_000_000
#: Largest YAML file (levels, scenario cards, exercise banks, maps); the largest is about 22 KB.
#: YAML is slower to parse than CSV, so its bound is lower.
MAX_YAML_BYTES = 1_000_000
#: Most data rows in one CSV table (the largest has fewer than 200); reading stops after this many.
MAX_ROWS = 5_000
#: Most entries in the bibliography (it has about 120); parsing stops after this many.
MAX_BIB_ENTRIES = 5_000
#: Most values (scalars) in one YAML file (the largest bank has about 600); the scan stops there.
MAX_YAML_VALUES = 20_000
#: Deepest nesting of lists and mappings in a YAML or JSON file.
MAX_DEPTH = 40
#: Largest file a learner saves or imports (a map, worksheet, design or widget state) read at all: a full
#: map of 200 actors is about 60 KB (tracktwo/data/learner_files.py).
MAX_LEARNER_FILE_BYTES = 512_000
#: Deepest nesting of lists and objects in a learner's JSON file (the map builder's saved file, the deepest
#: the course writes, has 6 levels).
MAX_LEARNER_DEPTH = 20
#: Every file within the bounds above is accepted or refused within this many seconds of processor
#: time (the tests measure the process's own CPU time, so other jobs on a shared machine do not count).
TIME_BOUND_SECONDS = 5.0
#: The most characters of a bad value any message repeats.
SHOWN_CHARS = 80
