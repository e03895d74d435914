"""``python -m glossary``: the command-line interface."""

from glossary.cli import run

run()
