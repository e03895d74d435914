"""``python -m glossary``: the command-line interface."""

import sys

from glossary.cli import main

sys.exit(main())
