"""Cited passages: exact text and HTML for every style.

Expected strings are written out in full on purpose: they are the typography
a reader gets on the clipboard, reviewed by eye.
"""

from __future__ import annotations

import datetime as dt

import pytest

import pybtex.errors
from pybtex.database import parse_string

from newsfind.archive import Article, article_id, iter_articles, make_title
from newsfind.cite import DATA_STYLES, STYLES, CiteSource, article_text, cite, cite_many, html_document
from tests.test_bibtex import plain_bst

# The first four paragraphs of the reference article
# /work/shared/seed/000_3cd96423f81a94b2.txt, byte for byte.
SEED_TEXT = (
    "date 2019-08-08 Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,"
    " arresting 680 suspected undocumented immigrants. It could be the biggest workplace immigration enforcement"
    " action in a single state, U.S. Immigration and Customs Enforcement’s acting director Matthew Albence told the"
    " Associated Press. Children of the immigrants were left behind without their parents, left to rely on friends"
    " and strangers for food and shelter.\n"
    "\n"
    "The raids targeted workers at seven Mississippi chicken processing plants. Around 600 Immigrations and Customs"
    " Enforcement officials surrounded the plants to prevent anyone from escaping. Some attempted to flee but were"
    " caught.\n"
    "\n"
    "The raids, which had been a year in the making, took place on the same day that President Donald Trump visited"
    " El Paso, Texas, where 22 people, including immigrants and Mexican nationals, were killed this weekend by a"
    " mass shooter with anti-Hispanic beliefs in a Walmart.\n"
    "\n"
    "“On a day when we seek unifying words and acts to heal the nation’s broken heart, President Trump allows so"
    " many families and communities to be torn apart,” executive director of the Coalition for Humane Immigrant"
    " Rights, Angelica Salas, told the Associated Press.\n"
)

def assert_bibtex_reads(entry: str) -> str:
    """The entry as pybtex (strict) reads it and formats it in BibTeX's plain style."""
    pybtex.errors.set_strict_mode(True)
    try:
        return plain_bst(entry)
    finally:
        pybtex.errors.set_strict_mode(False)


PARA_1 = "raided a series of food-processing plants in Mississippi"
PARAS_2_3 = ("Around 600 Immigrations", "in a Walmart.")


@pytest.fixture
def seed(tmp_path) -> Article:
    (tmp_path / "000_3cd96423f81a94b2.txt").write_text(SEED_TEXT, encoding="utf-8")
    [article] = [item for item in iter_articles(tmp_path) if isinstance(item, Article)]
    assert article.date == dt.date(2019, 8, 8)
    assert article.title == (
        "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,"
        " arresting 680 suspected undocumented immigrants."
    )
    return article


def select(article: Article, first: str, last: str | None = None) -> tuple[int, int]:
    """Offsets of the passage from the words `first` through the words `last`."""
    start = article.body.index(first)
    last = last or first
    return start, article.body.index(last, start) + len(last)


def rest_of_paragraph(article: Article, first: str) -> tuple[int, int]:
    """Offsets of the passage from the words `first` to the end of their paragraph."""
    start = article.body.index(first)
    return start, next(end for _, end in article.paragraphs if end > start)


def make_article(body: str, path: str = "town/1961_mill.txt", date: dt.date | None = dt.date(1961, 3, 2)) -> Article:
    return Article(article_id(path), path, date, make_title(body), body, len(body.encode()), 0)


MILL = make_article(
    "Mill closes after 90 years.\n\n"
    "The last shift left at noon. \"We built this town,\" said O’Rourke, who won't\tretire.\n\n"
    "“It was home,” said his daughter. The mill ran for ninety years."
)
MILL_SOURCE = CiteSource(archive_root="/archive", publication="The Valley Gazette")


# --------------------------------------------------------------------------
# The reference article, every style


def test_plain_seed(seed):
    citation = cite(seed, *select(seed, PARA_1), style="plain")
    assert citation.text == (
        "“raided a series of food-processing plants in Mississippi” — Immigration officials on Wednesday raided a"
        " series of food-processing plants in Mississippi, arresting 680 suspected undocumented immigrants,"
        " 8 August 2019, 000_3cd96423f81a94b2.txt, ¶ 1"
    )
    assert citation.html == (
        '<blockquote><p dir="auto">raided a series of food-processing plants in Mississippi</p></blockquote>\n'
        "<p>— <i>Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,"
        " arresting 680 suspected undocumented immigrants</i>, 8 August 2019, 000_3cd96423f81a94b2.txt, ¶ 1</p>"
    )


def test_plain_seed_two_paragraphs(seed):
    citation = cite(seed, *select(seed, *PARAS_2_3), style="plain")
    assert citation.text == (
        "“Around 600 Immigrations and Customs Enforcement officials surrounded the plants to prevent anyone from"
        " escaping. Some attempted to flee but were caught.\n"
        "\n"
        "“The raids, which had been a year in the making, took place on the same day that President Donald Trump"
        " visited El Paso, Texas, where 22 people, including immigrants and Mexican nationals, were killed this"
        " weekend by a mass shooter with anti-Hispanic beliefs in a Walmart.” — Immigration officials on Wednesday"
        " raided a series of food-processing plants in Mississippi, arresting 680 suspected undocumented"
        " immigrants, 8 August 2019, 000_3cd96423f81a94b2.txt, ¶¶ 2–3"
    )
    assert citation.html.startswith(
        '<blockquote><p dir="auto">Around 600 Immigrations and Customs Enforcement officials surrounded the plants'
        " to prevent anyone from escaping. Some attempted to flee but were caught.</p>"
        '<p dir="auto">The raids, which had been a year in the making,'
    )
    assert citation.html.endswith("in a Walmart.</p></blockquote>\n<p>— <i>Immigration officials on Wednesday"
                                  " raided a series of food-processing plants in Mississippi, arresting 680 suspected"
                                  " undocumented immigrants</i>, 8 August 2019, 000_3cd96423f81a94b2.txt, ¶¶ 2–3</p>")


def test_markdown_seed(seed):
    citation = cite(seed, *select(seed, PARA_1), style="markdown")
    assert citation.text == (
        "> raided a series of food-processing plants in Mississippi\n"
        "\n"
        "— *Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,"
        " arresting 680 suspected undocumented immigrants*, 8 August 2019, `000_3cd96423f81a94b2.txt`, ¶ 1"
    )
    assert citation.html == cite(seed, *select(seed, PARA_1), style="plain").html


def test_markdown_seed_two_paragraphs_with_the_file_as_text(seed, tmp_path):
    # CommonMark renderers drop file: links (markdown-it, commonmark.js, GitHub): the path in a
    # code span and the URL as text survive every one of them.
    citation = cite(seed, *select(seed, *PARAS_2_3), style="markdown", source=CiteSource(str(tmp_path)))
    uri = (tmp_path / "000_3cd96423f81a94b2.txt").as_uri()
    assert uri.startswith("file:///")
    assert citation.text == (
        "> Around 600 Immigrations and Customs Enforcement officials surrounded the plants to prevent anyone from"
        " escaping. Some attempted to flee but were caught.\n"
        ">\n"
        "> The raids, which had been a year in the making, took place on the same day that President Donald Trump"
        " visited El Paso, Texas, where 22 people, including immigrants and Mexican nationals, were killed this"
        " weekend by a mass shooter with anti-Hispanic beliefs in a Walmart.\n"
        "\n"
        "— *Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,"
        f" arresting 680 suspected undocumented immigrants*, 8 August 2019, `000_3cd96423f81a94b2.txt`"
        f" ({uri.replace('_', chr(92) + '_')}), ¶¶ 2–3"
    )
    assert f'<a href="{uri}">000_3cd96423f81a94b2.txt</a>, ¶¶ 2–3</p>' in citation.html
    from markdown_it import MarkdownIt

    rendered = MarkdownIt().render(citation.text)
    assert "<code>000_3cd96423f81a94b2.txt</code>" in rendered and uri in rendered


def test_apa_seed(seed):
    # No newspaper set: the title stands alone, italic in the reference and in the in-text
    # citation; the reference keeps the article's sentence case, the in-text citation takes title case.
    citation = cite(seed, *select(seed, PARA_1), style="apa")
    assert citation.text == (
        "“raided a series of food-processing plants in Mississippi” (Immigration Officials on Wednesday Raided a Series o"
        "f Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants, 2019, para. 1)\n"
        "\n"
        "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting 680 suspected undocumented immigrants. (2019, August 8). 000_3cd96423f81a94b2.txt"
    )
    assert citation.html == (
        '<blockquote><p dir="auto">raided a series of food-processing plants in Mississippi <bdi>(<i>Immigration Officials on Wednesday Raide'
        "d a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants</i>, 2019, para. 1)</bdi></p></blockquote>\n"
        "<p><i>Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting 680 suspected undocumented immigrants</i>. (2019, August 8). 000_3cd96423f81a94b2.txt</p>"
    )


def test_apa_seed_two_paragraphs_moves_the_full_stop(seed):
    citation = cite(seed, *select(seed, *PARAS_2_3), style="apa")
    assert citation.text.startswith(
        "“Around 600 Immigrations and Customs Enforcement officials surrounded the plants to prevent anyone from"
        " escaping. Some attempted to flee but were caught.\n\n“The raids, which had been"
    )
    assert citation.text.endswith(
        "by a mass shooter with anti-Hispanic beliefs in a Walmart” (Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants, 2019, paras. 2–3).\n"
        "\n"
        "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting 680 suspected undocumented immigrants. (2019, August 8). 000_3cd96423f81a94b2.txt"
    )
    # A block quotation keeps its full stop; the citation follows it.
    assert "in a Walmart. <bdi>(<i>Immigration Officials" in citation.html
    assert "2019, paras. 2–3)</bdi></p></blockquote>\n<p><i>Immigration officials" in citation.html


def test_mla_seed(seed):
    citation = cite(seed, *select(seed, PARA_1), style="mla")
    assert citation.text == (
        "“raided a series of food-processing plants in Mississippi” (Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants, par. 1)\n"
        "\n"
        "Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants. 8 Aug. 2019, 000_3cd96423f81a94b2.txt."
    )
    assert citation.html.endswith(
        "Immigrants</i>, par. 1)</bdi></p></blockquote>\n"
        "<p><i>Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants</i>. 8 Aug. 2019, 000_3cd96423f81a94b2.txt.</p>"
    )


def test_mla_seed_two_paragraphs(seed):
    text = cite(seed, *select(seed, *PARAS_2_3), style="mla").text
    assert "\n\n“The raids, which had been" in text
    assert text.endswith(
        "in a Walmart” (Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants, pars. 2–3).\n"
        "\n"
        "Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants. 8 Aug. 2019, 000_3cd96423f81a94b2.txt."
    )


def test_chicago_seed(seed):
    citation = cite(seed, *select(seed, PARA_1), style="chicago")
    assert citation.text == (
        "“raided a series of food-processing plants in Mississippi”\n"
        "\n"
        "“Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants,” August 8, 2019, para. 1, 000_3cd96423f81a94b2.txt."
    )
    assert citation.html == (
        '<blockquote><p dir="auto">raided a series of food-processing plants in Mississippi</p></blockquote>\n'
        "<p>“Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants,” August 8, 2019, para. 1, 000_3cd96423f81a94b2.txt.</p>"
    )


def test_chicago_seed_two_paragraphs(seed):
    text = cite(seed, *select(seed, *PARAS_2_3), style="chicago").text
    assert text.endswith(
        "in a Walmart.”\n"
        "\n"
        "“Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi, Arresting 680 Suspected Undocumented Immigrants,” August 8, 2019, paras. 2–3, 000_3cd96423f81a94b2.txt."
    )


def test_bibtex_seed(seed):
    # @misc: classic BibTeX styles need no author for it; year and month, not date too; capitals kept.
    citation = cite(seed, *select(seed, PARA_1), style="bibtex")
    assert citation.text == (
        f"@misc{{immigration2019{seed.id[:6]},\n"
        "  title = {Immigration officials on {Wednesday} raided a series of food-processing plants in"
        " {Mississippi}, arresting 680 suspected undocumented immigrants},\n"
        "  year = {2019},\n"
        "  month = aug,\n"
        "  note = {file: 000\\_3cd96423f81a94b2.txt, ¶ 1},\n"
        "  annote = {raided a series of food-processing plants in Mississippi}\n"
        "}"
    )
    assert citation.html == f"<pre>{citation.text}</pre>"
    assert_bibtex_reads(citation.text)


def test_bibtex_seed_two_paragraphs(seed):
    text = cite(seed, *select(seed, *PARAS_2_3), style="bibtex").text
    assert "  note = {file: 000\\_3cd96423f81a94b2.txt, ¶¶ 2–3},\n" in text
    assert (
        "  annote = {Around 600 Immigrations and Customs Enforcement officials surrounded the plants to prevent"
        " anyone from escaping. Some attempted to flee but were caught. The raids, which had been a year in the"
        " making,"
    ) in text


# --------------------------------------------------------------------------
# Publication, link, citation only


def test_every_style_with_publication_and_link():
    # A headline-first article: its first paragraph after the headline is ¶ 1.
    start, end = select(MILL, "The last shift left at noon.")
    link = '<a href="file:///archive/town/1961_mill.txt">town/1961_mill.txt</a>'
    expected = {
        "plain": (
            "“The last shift left at noon.” — Mill closes after 90 years, The Valley Gazette, 2 March 1961,"
            " town/1961_mill.txt, ¶ 1",
            f"<p>— <i>Mill closes after 90 years</i>, <i>The Valley Gazette</i>, 2 March 1961, {link}, ¶ 1</p>",
        ),
        "markdown": (
            "> The last shift left at noon.\n"
            "\n"
            "— *Mill closes after 90 years*, *The Valley Gazette*, 2 March 1961,"
            " `town/1961_mill.txt` (file:///archive/town/1961\\_mill.txt), ¶ 1",
            f"<p>— <i>Mill closes after 90 years</i>, <i>The Valley Gazette</i>, 2 March 1961, {link}, ¶ 1</p>",
        ),
        "apa": (
            "“The last shift left at noon” (“Mill Closes After 90 Years,” 1961, para. 1).\n"
            "\n"
            "Mill closes after 90 years. (1961, March 2). The Valley Gazette. town/1961_mill.txt",
            f"<p>Mill closes after 90 years. (1961, March 2). <i>The Valley Gazette</i>. {link}</p>",
        ),
        "mla": (
            "“The last shift left at noon” (“Mill Closes After 90 Years,” par. 1).\n"
            "\n"
            "“Mill Closes After 90 Years.” The Valley Gazette, 2 Mar. 1961, town/1961_mill.txt.",
            f"<p>“Mill Closes After 90 Years.” <i>The Valley Gazette</i>, 2 Mar. 1961, {link}.</p>",
        ),
        "chicago": (
            "“The last shift left at noon.”\n"
            "\n"
            "“Mill Closes After 90 Years,” The Valley Gazette, March 2, 1961, para. 1, town/1961_mill.txt.",
            f"<p>“Mill Closes After 90 Years,” <i>The Valley Gazette</i>, March 2, 1961, para. 1, {link}.</p>",
        ),
    }
    for style, (text, html_reference) in expected.items():
        citation = cite(MILL, start, end, style, MILL_SOURCE)
        assert citation.text == text, style
        assert citation.html.endswith("\n" + html_reference), style


def test_bibtex_with_a_publication_and_no_author_is_misc_howpublished():
    # Classic BibTeX's @article needs an author; biblatex's newspaper article does not.
    start, end = select(MILL, "The last shift left at noon.")
    bibtex = cite(MILL, start, end, "bibtex", MILL_SOURCE).text
    assert bibtex == (
        "@misc{mill1961bd9f14,\n"
        "  title = {Mill closes after 90 years},\n"
        "  howpublished = {The Valley Gazette},\n"
        "  year = {1961},\n"
        "  month = mar,\n"
        "  url = {file:///archive/town/1961_mill.txt},\n"
        "  note = {file: town/1961\\_mill.txt, ¶ 1},\n"
        "  annote = {The last shift left at noon.}\n"
        "}"
    )
    assert "Mill closes after 90 years" in assert_bibtex_reads(bibtex)
    assert cite(MILL, start, end, "biblatex", MILL_SOURCE).text == (
        "@article{mill1961bd9f14,\n"
        "  title = {Mill closes after 90 years},\n"
        "  journaltitle = {The Valley Gazette},\n"
        "  entrysubtype = {newspaper},\n"
        "  date = {1961-03-02},\n"
        "  url = {file:///archive/town/1961_mill.txt},\n"
        "  note = {file: town/1961\\_mill.txt, ¶ 1},\n"
        "  annotation = {The last shift left at noon.}\n"
        "}"
    )


def test_citation_only_every_style():
    expected = {
        "plain": "Mill closes after 90 years, The Valley Gazette, 2 March 1961, town/1961_mill.txt",
        "markdown": "*Mill closes after 90 years*, *The Valley Gazette*, 2 March 1961,"
                    " `town/1961_mill.txt` (file:///archive/town/1961\\_mill.txt)",
        "apa": "Mill closes after 90 years. (1961, March 2). The Valley Gazette. town/1961_mill.txt",
        "mla": "“Mill Closes After 90 Years.” The Valley Gazette, 2 Mar. 1961, town/1961_mill.txt.",
        # Chicago's bibliography: with no author, the newspaper stands first.
        "chicago": "The Valley Gazette. “Mill Closes After 90 Years.” March 2, 1961. town/1961_mill.txt.",
    }
    for style, text in expected.items():
        citation = cite(MILL, style=style, source=MILL_SOURCE)
        assert citation.text == text, style
        assert "blockquote" not in citation.html
    assert cite(MILL, style="chicago", source=MILL_SOURCE).html == (
        "<p><i>The Valley Gazette</i>. “Mill Closes After 90 Years.” March 2, 1961."
        ' <a href="file:///archive/town/1961_mill.txt">town/1961_mill.txt</a>.</p>'
    )


def test_seed_citation_only(seed):
    assert cite(seed).text == (
        "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants, 8 August 2019, 000_3cd96423f81a94b2.txt"
    )
    assert cite(seed).html == (
        "<p><i>Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,"
        " arresting 680 suspected undocumented immigrants</i>, 8 August 2019, 000_3cd96423f81a94b2.txt</p>"
    )


BYLINED = make_article("Mill closes after 90 years\n\nBy Ruth Hale and Tom O'Brien, Staff Writers\n\n"
                       "The last shift left at noon.\n\nThe mill ran for ninety years.")


def test_authors_from_the_articles_byline():
    # The byline is not a paragraph of the text: the first one after it is ¶ 1.
    source = CiteSource(publication="The Valley Gazette")
    start, end = select(BYLINED, "The last shift left at noon.")
    assert cite(BYLINED, start, end, "plain", source).text.endswith(
        "— Ruth Hale and Tom O'Brien, Mill closes after 90 years, The Valley Gazette, 2 March 1961,"
        " town/1961_mill.txt, ¶ 1")
    assert cite(BYLINED, start, end, "apa", source).text == (
        "“The last shift left at noon” (Hale & O'Brien, 1961, para. 1).\n"
        "\n"
        "Hale, R., & O'Brien, T. (1961, March 2). Mill closes after 90 years. The Valley Gazette. town/1961_mill.txt"
    )
    assert cite(BYLINED, start, end, "mla", source).text.endswith(
        "(Hale and O'Brien, par. 1).\n\nHale, Ruth, and Tom O'Brien. “Mill Closes After 90 Years.”"
        " The Valley Gazette, 2 Mar. 1961, town/1961_mill.txt.")
    assert cite(BYLINED, start, end, "chicago", source).text.endswith(
        "\n\nRuth Hale and Tom O'Brien, “Mill Closes After 90 Years,” The Valley Gazette, March 2, 1961, para. 1,"
        " town/1961_mill.txt.")
    assert cite(BYLINED, style="chicago", source=source).text == (
        "Hale, Ruth, and Tom O'Brien. “Mill Closes After 90 Years.” The Valley Gazette, March 2, 1961."
        " town/1961_mill.txt.")
    bibtex = cite(BYLINED, style="bibtex", source=source).text
    assert bibtex.startswith("@article{") and "  author = {Hale, Ruth and O'Brien, Tom},\n" in bibtex
    assert assert_bibtex_reads(bibtex).startswith("Ruth Hale and Tom O'Brien. Mill closes after 90 years.")
    # An archive whose "By …" lines name something else: no authors, and the line is ¶ 1.
    without = CiteSource(publication="The Valley Gazette", bylines=False)
    assert cite(BYLINED, start, end, "apa", without).text.startswith(
        "“The last shift left at noon” (“Mill Closes After 90 Years,” 1961, para. 2).")


# --------------------------------------------------------------------------
# Undated


UNDATED = make_article("Mill closes after 90 years.\n\nThe last shift left at noon.", path="town/undated.txt",
                       date=None)


def test_undated_omits_the_date_cleanly_except_apa_and_chicago():
    start, end = rest_of_paragraph(UNDATED, "The last shift")
    expected = {
        "plain": "“The last shift left at noon.” — Mill closes after 90 years, town/undated.txt, ¶ 1",
        "markdown": "> The last shift left at noon.\n\n— *Mill closes after 90 years*, `town/undated.txt`, ¶ 1",
        "apa": "“The last shift left at noon” (Mill Closes After 90 Years, n.d., para. 1).\n"
               "\n"
               "Mill closes after 90 years. (n.d.). town/undated.txt",
        "mla": "“The last shift left at noon” (Mill Closes After 90 Years, par. 1).\n"
               "\n"
               "Mill Closes After 90 Years. town/undated.txt.",
        "chicago": "“The last shift left at noon.”\n\n“Mill Closes After 90 Years,” n.d., para. 1, town/undated.txt.",
        "bibtex": "@misc{mill6f6f1f,\n"
                  "  title = {Mill closes after 90 years},\n"
                  "  note = {file: town/undated.txt, ¶ 1},\n"
                  "  annote = {The last shift left at noon.}\n"
                  "}",
    }
    for style, text in expected.items():
        citation = cite(UNDATED, start, end, style)
        assert citation.text == text.replace("6f6f1f", UNDATED.id[:6]), style
        for output in (citation.text, citation.html):
            assert "()" not in output and "( " not in output and ",," not in output and ".." not in output
            assert ("n.d." in output) == (style in ("apa", "chicago"))
    assert cite(UNDATED, style="chicago").text == "“Mill Closes After 90 Years.” n.d. town/undated.txt."
    assert cite(UNDATED, style="plain").text == "Mill closes after 90 years, town/undated.txt"


# --------------------------------------------------------------------------
# Quotes, escaping, scripts, white space


def test_inner_quotes_nest_and_apostrophes_curl():
    start, end = select(MILL, "The last shift", "mill ran for ninety years.")
    citation = cite(MILL, start, end, "plain")
    assert citation.text == (
        "“The last shift left at noon. ‘We built this town,’ said O’Rourke, who won’t retire.\n"
        "\n"
        "“‘It was home,’ said his daughter. The mill ran for ninety years.”"
        " — Mill closes after 90 years, 2 March 1961, town/1961_mill.txt, ¶¶ 1–2"
    )
    # A block quotation takes no quote marks of its own: the article's stay.
    assert citation.html.startswith(
        '<blockquote><p dir="auto">The last shift left at noon. "We built this town," said O’Rourke, who won\'t'
        ' retire.</p><p dir="auto">“It was home,” said his daughter. The mill ran for ninety years.</p></blockquote>'
    )


def test_straight_quotes_open_and_close_by_context():
    article = make_article('Title here.\n\nHe said "no" ("never") and left: "Go!"—then "quiet".')
    start, end = rest_of_paragraph(article, "He said")
    assert cite(article, start, end).text.startswith(
        "“He said ‘no’ (‘never’) and left: ‘Go!’—then ‘quiet’.” — Title here, ")


def test_quotes_in_the_title_are_curled_and_nest_inside_quoted_titles():
    article = make_article('Mayor calls Canada\'s plan "a disaster"\n\nThe council met.')
    # standing alone (no newspaper): italic, its own quotes curled, the full stop inside them
    assert cite(article, style="mla").text == "Mayor Calls Canada’s Plan “a Disaster.” 2 Mar. 1961, town/1961_mill.txt."
    # newsfind's own plain form keeps the title exactly as the article has it
    assert cite(article, style="plain").text == "Mayor calls Canada's plan \"a disaster\", 2 March 1961, town/1961_mill.txt"
    # inside a newspaper: in quotation marks, its own become single ones
    gazette = CiteSource(publication="The Valley Gazette")
    assert cite(article, style="mla", source=gazette).text == (
        "“Mayor Calls Canada’s Plan ‘a Disaster.’” The Valley Gazette, 2 Mar. 1961, town/1961_mill.txt.")
    said = make_article("Neighbours say they 'won't mind' the new mill\n\nThe council met.")
    assert cite(said, style="chicago", source=gazette).text == (
        "The Valley Gazette. “Neighbours Say They ‘Won’t Mind’ the New Mill.” March 2, 1961. town/1961_mill.txt.")


def test_title_ending_in_question_mark_takes_no_extra_punctuation():
    article = make_article("Who closed the mill?\n\nNobody knows.")
    assert cite(article, style="plain").text == "Who closed the mill? 2 March 1961, town/1961_mill.txt"
    assert cite(article, style="apa").text == "Who closed the mill? (1961, March 2). town/1961_mill.txt"
    assert cite(article, style="mla").text == "Who Closed the Mill? 2 Mar. 1961, town/1961_mill.txt."
    start, end = select(article, "Nobody knows.")
    assert cite(article, start, end, "chicago").text == (
        "“Nobody knows.”\n\n“Who Closed the Mill?” March 2, 1961, para. 1, town/1961_mill.txt.")


def test_html_special_characters_are_escaped():
    article = make_article("Tags <b>&amp; co</b>\n\nHe typed <script>alert('x')</script> &amp; left.",
                           path="web/<a&b>.txt")
    start, end = rest_of_paragraph(article, "He typed")
    source = CiteSource(archive_root="/archive", publication="Smith & Sons")
    citation = cite(article, start, end, "plain", source)
    assert citation.html == (
        '<blockquote><p dir="auto">He typed &lt;script&gt;alert(\'x\')&lt;/script&gt; &amp;amp; left.</p>'
        "</blockquote>\n"
        "<p>— <i>Tags &lt;b&gt;&amp;amp; co&lt;/b&gt;</i>, <i>Smith &amp; Sons</i>, 2 March 1961,"
        ' <a href="file:///archive/web/%3Ca%26b%3E.txt">web/&lt;a&amp;b&gt;.txt</a>, ¶ 1</p>'
    )
    assert citation.text == (
        "“He typed <script>alert(‘x’)</script> &amp; left.” — Tags <b>&amp; co</b>, Smith & Sons, 2 March 1961,"
        " web/<a&b>.txt, ¶ 1"
    )
    assert cite(article, start, end, "bibtex", source).html.startswith(
        "<pre>@misc{tags1961")
    assert "annote = {He typed &lt;script&gt;alert('x')&lt;/script&gt; \\&amp;amp; left.}" in cite(
        article, start, end, "bibtex", source).html


def test_markdown_escapes_what_would_format():
    article = make_article("A *bold* [claim]\n\n# 1 in 3_000 <b>` said: 2. not a list")
    start, end = rest_of_paragraph(article, "# 1 in")
    assert cite(article, start, end, "markdown").text == (
        "> \\# 1 in 3\\_000 \\<b\\>\\` said: 2. not a list\n"
        "\n"
        "— *A \\*bold\\* \\[claim\\]*, 2 March 1961, `town/1961_mill.txt`, ¶ 1"
    )
    listed = make_article("Title.\n\n1. first\n\n- second")
    start, end = select(listed, "1. first", "- second")
    assert cite(listed, start, end, "markdown").text.startswith("> 1\\. first\n>\n> \\- second\n\n")


def test_markdown_code_span_holds_backticks():
    article = make_article("Title.\n\nText.", path="odd`name.txt")
    assert cite(article, style="markdown").text == "*Title*, 2 March 1961, ``odd`name.txt``"


def test_bibtex_escapes_special_characters_and_keeps_braces_balanced():
    # One brace alone in a field ("\\{" still counts to BibTeX) would end the entry early.
    article = make_article("Profits {up} 5% at A&B\n\nCost: $3 #1 a_b ~x ^y \\z {draft.", path="biz/a_b.txt")
    start, end = rest_of_paragraph(article, "Cost:")
    text = cite(article, start, end, "bibtex").text
    assert "  title = {Profits \\textbraceleft{}up\\textbraceright{} 5\\% at {A\\&B}},\n" in text
    assert ("  annote = {Cost: \\$3 \\#1 a\\_b \\textasciitilde{}x \\textasciicircum{}y \\textbackslash{}z"
            " \\textbraceleft{}draft.}\n") in text
    assert "  note = {file: biz/a\\_b.txt, ¶ 1},\n" in text
    assert assert_bibtex_reads(text).startswith("Profits {up} 5% at A&B.")
    budget = make_article("Budget {draft cut\n\nText.")
    assert assert_bibtex_reads(cite(budget, style="bibtex").text).startswith("Budget {draft cut.")


def test_russian_article():
    article = make_article(
        "Завод закрылся после 90 лет.\n\n«Мы построили этот город», — сказал \"старый\" рабочий.",
        path="ru/01.txt",
    )
    start, end = rest_of_paragraph(article, "«Мы")
    assert cite(article, start, end, "plain").text == (
        "“«Мы построили этот город», — сказал ‘старый’ рабочий.” — Завод закрылся после 90 лет, 2 March 1961,"
        " ru/01.txt, ¶ 1"
    )
    # Title case is English's: a Russian headline keeps its case.
    assert cite(article, start, end, "mla", CiteSource(publication="Правда")).text == (
        "“«Мы построили этот город», — сказал ‘старый’ рабочий” (“Завод закрылся после 90 лет,” par. 1).\n"
        "\n"
        "“Завод закрылся после 90 лет.” Правда, 2 Mar. 1961, ru/01.txt."
    )
    assert cite(article, style="bibtex").text.startswith("@misc{article196143daf0,\n  title = {Завод закрылся")


def test_arabic_article_is_isolated_in_a_left_to_right_citation():
    # Without isolation the title's direction would pull the date's numbers ("5 ,[title] January 2020").
    article = make_article("أغلق المصنع بعد تسعين عاما.\n\nقال العامل: \"كان بيتنا\".", path="ar/02.txt",
                           date=dt.date(2020, 1, 5))
    start, end = rest_of_paragraph(article, "قال")
    citation = cite(article, start, end, "chicago")
    assert citation.text == (
        "“\u2068قال العامل: ‘كان بيتنا’.\u2069”\n\n"
        "“\u2068أغلق المصنع بعد تسعين عاما\u2069,” January 5, 2020, para. 1, ar/02.txt."
    )
    assert citation.html == (
        '<blockquote><p dir="auto">قال العامل: "كان بيتنا".</p></blockquote>\n'
        "<p>“<bdi>أغلق المصنع بعد تسعين عاما</bdi>,” January 5, 2020, para. 1, ar/02.txt.</p>"
    )
    assert cite(article, start, end, "apa").text == (
        "“\u2068قال العامل: ‘كان بيتنا’\u2069” (\u2068أغلق المصنع بعد تسعين عاما\u2069, 2020, para. 1).\n\n"
        "\u2068أغلق المصنع بعد تسعين عاما\u2069. (2020, January 5). ar/02.txt"
    )
    # English words are left as they are: no invisible marks in the common case.
    assert "\u2068" not in cite(MILL, *select(MILL, "The last shift"), "apa").text


def test_white_space_is_normalised_but_no_break_spaces_kept():
    article = make_article("Title.\n\nLine  one\twith   tabs\nwrapped\u00a0here.\n \t\n\n  Next   para.  ")
    start, end = article.body.index("Line"), len(article.body)
    assert cite(article, start, end).text.startswith(
        "“Line one with tabs wrapped\u00a0here.\n\n“Next para.” — Title, 2 March 1961,")
    assert cite(article, start, end, join_paragraphs=True).text == (
        "“Line one with tabs wrapped\u00a0here. Next para.” — Title, 2 March 1961, town/1961_mill.txt, ¶¶ 1–2"
    )
    # Words of the headline itself have no paragraph number.
    assert cite(article, 0, 5).text == "“Title” — Title, 2 March 1961, town/1961_mill.txt"


def test_join_paragraphs_every_style(seed):
    start, end = select(seed, *PARAS_2_3)
    joined = {style: cite(seed, start, end, style, join_paragraphs=True) for style in STYLES}
    assert joined["plain"].text.startswith("“Around 600 Immigrations and Customs Enforcement officials surrounded"
                                           " the plants to prevent anyone from escaping. Some attempted to flee but"
                                           " were caught. The raids, which had been a year in the making,")
    assert joined["plain"].text.endswith("in a Walmart.” — Immigration officials on Wednesday raided a series of"
                                         " food-processing plants in Mississippi, arresting 680 suspected"
                                         " undocumented immigrants, 8 August 2019, 000_3cd96423f81a94b2.txt, ¶¶ 2–3")
    assert joined["markdown"].text.startswith("> Around 600 Immigrations and Customs Enforcement officials"
                                              " surrounded the plants to prevent anyone from escaping. Some"
                                              " attempted to flee but were caught. The raids, which had been")
    for style, citation in joined.items():
        assert citation.html.count("<p dir=") == (0 if style in DATA_STYLES else 1), style
        quote = citation.text.split("\n\n— ")[0] if style == "markdown" else citation.text
        assert "caught.\n" not in quote, style


# --------------------------------------------------------------------------
# Paragraph locators and bad input


def test_locator_ignores_white_space_around_the_selection(seed):
    first, _ = seed.paragraphs[1]
    _, end = seed.paragraphs[1]
    # Selected from the blank line before paragraph 2 to the blank line after it.
    assert cite(seed, first - 1, end + 1).text.endswith("¶ 2")
    assert cite(seed, first - 2, end + 2).text.startswith("“The raids targeted workers")


def test_bad_input_raises_value_error(seed):
    with pytest.raises(ValueError, match="plain, markdown, apa, mla, chicago, bibtex, biblatex, csl-json, ris"):
        cite(seed, style="harvard")
    with pytest.raises(ValueError, match="both"):
        cite(seed, 0, None)
    with pytest.raises(ValueError, match="outside"):
        cite(seed, 10, len(seed.body) + 1)
    with pytest.raises(ValueError, match="white space"):
        cite(seed, seed.paragraphs[0][1], seed.paragraphs[1][0])


def test_article_text(seed):
    assert article_text(seed) == (
        "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting 680"
        " suspected undocumented immigrants.\n"
        "8 August 2019\n"
        "000_3cd96423f81a94b2.txt\n"
        "\n" + SEED_TEXT[len("date 2019-08-08 "):].rstrip("\n")
    )
    assert article_text(UNDATED) == "Mill closes after 90 years.\ntown/undated.txt\n\n" + UNDATED.body


# --------------------------------------------------------------------------
# Headline-first articles of the shared corpora, hard-wrapped first sentences


def read_one(path) -> Article:
    import shutil
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    shutil.copy2(path, folder / path.name)
    [article] = [item for item in iter_articles(folder) if isinstance(item, Article)]
    return article


def test_a_headline_first_article_of_newsarticles_counts_its_paragraphs_after_the_headline():
    from tests.corpora import NEWSARTICLES

    article = read_one(NEWSARTICLES / "0002_382f845d88c79213.txt")
    assert article.title == "How child predator was caught by tiny clue in photo he posted online"
    start, end = select(article, "(CNN)In a bathroom")
    gazette = CiteSource(publication="CNN")
    assert cite(article, start, end, "mla", gazette).text.endswith(
        "(“How Child Predator Was Caught by Tiny Clue in Photo He Posted Online,” par. 1)\n\n"
        "“How Child Predator Was Caught by Tiny Clue in Photo He Posted Online.” CNN, 22 Apr. 2016,"
        " 0002_382f845d88c79213.txt.")
    second = select(article, "In the background of the photo")
    assert cite(article, *second, "chicago", gazette).text.endswith(
        "“How Child Predator Was Caught by Tiny Clue in Photo He Posted Online,” CNN, April 22, 2016, para. 2,"
        " 0002_382f845d88c79213.txt.")
    assert cite(article, *second, "plain").text.endswith(", ¶ 2")


def test_a_first_sentence_hard_wrapped_across_lines_is_the_whole_title():
    wrapped = make_article("The council voted on Tuesday to close the\nold mill after ninety years of work. It"
                           " employed\nfour hundred people.\n\nThe vote was close.")
    assert wrapped.title == ("The council voted on Tuesday to close the old mill after ninety years of work.")
    assert cite(wrapped, style="mla").text == (
        "The Council Voted on Tuesday to Close the Old Mill After Ninety Years of Work. 2 Mar. 1961,"
        " town/1961_mill.txt.")
    # Not a headline: the first paragraph is ¶ 1.
    assert cite(wrapped, *select(wrapped, "The vote was close."), "plain").text.endswith("¶ 2")


# --------------------------------------------------------------------------
# Many at once, and what the clipboard's HTML is


ALPHA = make_article("Zoning board meets\n\nBy Ann Young\n\nText.", path="a/3.txt", date=dt.date(2020, 1, 1))
BETA = make_article("The army leaves town\n\nText.", path="a/1.txt", date=dt.date(2019, 5, 6))
GAMMA = make_article("Budget {draft cut\n\nBy Bo Adams\n\nText.", path="a/2.txt", date=None)


def test_cite_many_is_alphabetical_in_the_style_guides_and_in_order_elsewhere():
    items = [(article, CiteSource(publication="The Valley Gazette")) for article in (ALPHA, BETA, GAMMA)]
    assert cite_many(items, "apa").text == (
        "Adams, B. (n.d.). Budget {draft cut. The Valley Gazette. a/2.txt\n\n"
        "The army leaves town. (2019, May 6). The Valley Gazette. a/1.txt\n\n"
        "Young, A. (2020, January 1). Zoning board meets. The Valley Gazette. a/3.txt"
    )
    assert cite_many(items, "chicago").text.split("\n\n") == [
        "Adams, Bo. “Budget {Draft Cut.” The Valley Gazette, n.d. a/2.txt.",
        "The Valley Gazette. “The Army Leaves Town.” May 6, 2019. a/1.txt.",
        "Young, Ann. “Zoning Board Meets.” The Valley Gazette, January 1, 2020. a/3.txt.",
    ]
    assert cite_many(items, "markdown").text.count("\n- ") == 2
    assert cite_many(items, "plain").text.startswith("Ann Young, Zoning board meets")
    html = cite_many(items, "mla").html
    assert html.count('<p style="padding-left: 2em; text-indent: -2em">') == 3  # hanging indents


def test_cite_many_bibtex_has_one_entry_each_with_keys_bibtex_accepts():
    twin = make_article("Zoning board meets\n\nBy Ann Young\n\nOther text.", path="b/3.txt", date=dt.date(2020, 1, 1))
    items = [(article, CiteSource()) for article in (ALPHA, BETA, GAMMA, twin)]
    text = cite_many(items, "bibtex").text
    entries = text.split("\n\n")
    assert len(entries) == 4 and len({entry.split(",")[0] for entry in entries}) == 4  # (the twins' keys differ)
    pybtex.errors.set_strict_mode(True)
    try:
        assert len(parse_string(text, "bibtex").entries) == 4
    finally:
        pybtex.errors.set_strict_mode(False)
    rendered = [assert_bibtex_reads(entry) for entry in entries]
    assert rendered[2].startswith("Bo Adams. Budget {draft cut.") and rendered[0].startswith("Ann Young.")


def test_the_clipboard_html_is_a_whole_document_with_its_charset():
    document = html_document("<p>“Über” — 5 ¶</p>")
    assert document.startswith('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>')
    assert "<!--StartFragment--><p>“Über” — 5 ¶</p><!--EndFragment-->" in document


HOSTILE = [
    make_article("Budget {draft cut\n\nText {here."),
    make_article("}{ 100% of $5 & #1_x ~ ^ \\ path\n\nText."),
    make_article('Mayor calls plan "a disaster"\n\nShe said \'no\'.'),
    make_article("أغلق المصنع بعد تسعين عاما.\n\nقال العامل.", path="ar/02.txt"),
    make_article("Mill closes\n\nText.", date=None),
    make_article("The council voted on Tuesday to close the\nold mill after ninety years.\n\nText."),
    BYLINED,
]


@pytest.mark.parametrize("article", HOSTILE + [MILL, UNDATED], ids=lambda a: a.title[:20])
@pytest.mark.parametrize("style", ["bibtex", "biblatex"])
def test_every_bibtex_output_is_read_by_a_real_bibtex_parser(article, style):
    start, end = article.paragraphs[-1]
    for source in (CiteSource(), MILL_SOURCE):
        for passage in ((None, None), (start, end)):
            entry = cite(article, *passage, style, source).text
            pybtex.errors.set_strict_mode(True)
            try:
                [parsed] = parse_string(entry, "bibtex").entries.values()
            finally:
                pybtex.errors.set_strict_mode(False)
            assert parsed.fields["title"]
            assert not ({"date", "year"} <= set(parsed.fields)), "date together with year"
            if style == "bibtex":
                assert_bibtex_reads(entry)
