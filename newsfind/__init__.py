"""newsfind: keyword search for offline archives of news articles."""

__version__ = "0.1.0"
