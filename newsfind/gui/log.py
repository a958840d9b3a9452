"""The window's one error-reporting path: a rotating log file in the user's data folder.

Whatever goes wrong off the GUI thread is logged here with its traceback (the
worker's answer carries a short message for the window); the About box names
the file, so a user can send it with a bug report.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from newsfind.index import data_dir

#: The window's logger; workers log through children of it (newsfind.gui.*).
LOGGER_NAME = "newsfind.gui"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3


def log_path() -> Path:
    return data_dir() / "newsfind.log"


def start_log_file() -> Path:
    """Send the window's log to the rotating file (once per process); return its path."""
    path = log_path()
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logger.handlers):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                                                           encoding="utf-8", delay=True)
        except OSError:
            return path  # a read-only data folder: errors still reach stderr
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return path
