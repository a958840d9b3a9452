"""The typed settings: each key read back as it was written, bad values as the default."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

pytest.importorskip("PySide6.QtCore")

from newsfind.gui.settings import RECENT_SIZE, Settings  # noqa: E402


def test_values_round_trip_through_the_ini_file(gui_settings) -> None:
    settings = Settings(gui_settings)
    assert settings.open_archives is None and settings.sort == "relevance" and settings.font_size is None
    settings.sort = "newest"
    settings.history = ["one"]
    settings.font_size = 13.5
    settings.open_archives = ["/a"]
    settings.set_citation_preferences("apa", True, {"/a": "The Herald", "/b": ""}, {"/a": True, "/b": False})
    settings.sync()
    again = Settings(type(gui_settings)(gui_settings.fileName(), gui_settings.format()))
    assert (again.sort, again.history, again.font_size, again.open_archives) == ("newest", ["one"], 13.5, ["/a"])
    assert (again.cite_style, again.cite_join, again.publications) == ("apa", True, {"/a": "The Herald"})
    assert (again.cite_source("/a").publication, again.cite_source("/a").bylines) == ("The Herald", True)
    assert (again.cite_source("/b").publication, again.cite_source("/b").bylines) == (None, False)


def test_bad_values_read_as_the_defaults(gui_settings) -> None:
    gui_settings.setValue("cite/style", "nonsense")
    gui_settings.setValue("cite/publications", "{not json")
    gui_settings.setValue("reader/fontSize", "big")
    settings = Settings(gui_settings)
    assert (settings.cite_style, settings.publications, settings.font_size) == ("plain", {}, None)


def test_recent_archives_newest_first_without_repeats(gui_settings) -> None:
    settings = Settings(gui_settings)
    for n in range(RECENT_SIZE + 2):
        settings.remember_recent(f"/r{n}")
    settings.remember_recent("/r5")
    recent = settings.recent_archives
    assert recent[0] == "/r5" and len(recent) == RECENT_SIZE == len(set(recent))


def test_appearance_values_round_trip_and_bad_ones_read_as_the_defaults(gui_settings) -> None:
    from PySide6.QtCore import QSize

    settings = Settings(gui_settings)
    assert (settings.theme, settings.reader_font, settings.reader_width, settings.default_sort) == \
        ("system", "", "full", "")
    assert settings.start_sort == settings.sort == "relevance" and settings.geometry_screen is None
    settings.theme, settings.reader_font, settings.reader_width, settings.default_sort = "dark", "Serif", "narrow", "oldest"
    settings.sort = "newest"
    settings.geometry_screen = QSize(640, 400)
    settings.sync()
    again = Settings(type(gui_settings)(gui_settings.fileName(), gui_settings.format()))
    assert (again.theme, again.reader_font, again.reader_width, again.start_sort, again.geometry_screen) == \
        ("dark", "Serif", "narrow", "oldest", QSize(640, 400))
    for key in ("view/theme", "reader/width", "search/defaultSort", "window/screen"):
        gui_settings.setValue(key, "nonsense")
    assert (settings.theme, settings.reader_width, settings.default_sort, settings.start_sort,
            settings.geometry_screen) == ("system", "full", "", "newest", None)


@settings(max_examples=40)
@given(terms=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_terms_list_comes_back_as_it_was_written(tmp_path_factory, terms) -> None:
    from PySide6.QtCore import QSettings

    path = str(tmp_path_factory.mktemp("settings") / "newsfind.ini")
    written = Settings(QSettings(path, QSettings.IniFormat))
    written.trends_terms = terms
    written.sync()
    assert Settings(QSettings(path, QSettings.IniFormat)).trends_terms == terms


def test_the_trends_choices_round_trip_and_bad_ones_read_as_the_defaults(gui_settings) -> None:
    settings = Settings(gui_settings)
    assert (settings.trends_terms, settings.trends_unit, settings.trends_normalised) == ("", "", False)
    settings.trends_unit, settings.trends_normalised = "month", True
    settings.sync()
    again = Settings(type(gui_settings)(gui_settings.fileName(), gui_settings.format()))
    assert (again.trends_unit, again.trends_normalised) == ("month", True)
    settings.trends_unit = None  # (Automatic)
    assert settings.trends_unit == ""
    for key in ("trends/by", "trends/normalised"):
        gui_settings.setValue(key, "weekly")
    gui_settings.setValue("trends/terms", ["Trump", "Putin"])  # (a list, as a hand-edited file may give)
    assert (settings.trends_terms, settings.trends_unit, settings.trends_normalised) == ("", "", False)
