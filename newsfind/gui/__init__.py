"""The newsfind desktop app (PySide6 widgets)."""
