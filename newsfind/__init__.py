"""newsfind: keyword search for offline archives of news articles."""

__version__ = "0.1.0"

# First, before any other module imports Whoosh: it then imports without the
# modules it never uses (see whoosh_compat._import_whoosh_without_unused_modules).
from newsfind import whoosh_compat as _whoosh_compat  # noqa: E402,F401
