"""Which site each corpus seed comes from, and its fold: shared by the classifier's training
(``train_classifier.py``) and the accuracy benchmark's cross-validated figures (``fidelity.py``),
so that both split the seeds the same way."""

from __future__ import annotations

import hashlib
import urllib.parse
from typing import Any

FOLDS = 5


def site_of(corpus: str, name: str, truth: dict[str, Any]) -> str:
    """A seed's site: its corpus and its URL's host without ``www.`` (else its file name's
    stem, as a page of its own)."""
    url = truth.get("url")
    host = urllib.parse.urlsplit(url).hostname if url else None
    if host:
        return f"{corpus}:{host.removeprefix('www.')}"
    return f"{corpus}:{name.split('_', 1)[-1].split('.')[0]}"


def fold_of(site: str) -> int:
    """A site's fold, by a hash of its name (stable, no shuffling)."""
    return int(hashlib.sha256(site.encode()).hexdigest(), 16) % FOLDS
