"""Test session set-up: caches go to a private folder, never the user's own."""

from __future__ import annotations

import os
import tempfile

# Set before any test imports glossary.cache users, so no test writes to ~/.cache.
os.environ.setdefault("GLOSSARY_CACHE_DIR", tempfile.mkdtemp(prefix="glossary-test-cache-"))
