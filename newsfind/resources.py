"""Where bundled resources (sample archive, icons) live, from source or frozen.

From a source checkout (or an editable install) they are in ``resources/``
beside the package; in a PyInstaller bundle they are in ``sys._MEIPASS/resources``
(the spec must collect the folder under that name). ``NEWSFIND_RESOURCES``
overrides both. Qt-free on purpose: the CLI and the packaging use it too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("NEWSFIND_RESOURCES")
    if override:
        return Path(override)
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """resource_path("sample") → the bundled sample archive folder."""
    return resources_dir().joinpath(*parts)


def sample_archive() -> Path:
    return resource_path("sample")
