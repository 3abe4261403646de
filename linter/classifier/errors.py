"""Errors of the classifier that the command line reports (kept light: no NumPy import)."""


class ModelError(Exception):
    """The model cannot be used; the message says why."""
