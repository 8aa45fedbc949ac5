"""Tools for the instructor: the gradebook over learners' work files (decision 0017)."""
