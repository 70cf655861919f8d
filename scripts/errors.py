"""The error every command turns into exit code 2 and a one-paragraph message."""

from __future__ import annotations


class UserError(Exception):
    """Bad input (flags, files, config, program): reported without a traceback."""


EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
