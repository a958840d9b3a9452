"""Cited passages: exact text and HTML for every style.

Expected strings are written out in full on purpose: they are the typography
a reader gets on the clipboard, reviewed by eye.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsfind.archive import Article, article_id, iter_articles, make_title
from newsfind.cite import STYLES, CiteSource, article_text, cite

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


def test_markdown_seed_two_paragraphs_with_link(seed, tmp_path):
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
        f" arresting 680 suspected undocumented immigrants*, 8 August 2019, [000\\_3cd96423f81a94b2.txt]({uri}),"
        " ¶¶ 2–3"
    )
    assert f'<a href="{uri}">000_3cd96423f81a94b2.txt</a>, ¶¶ 2–3</p>' in citation.html


def test_apa_seed(seed):
    citation = cite(seed, *select(seed, PARA_1), style="apa")
    assert citation.text == (
        "“raided a series of food-processing plants in Mississippi” (“Immigration officials on Wednesday raided a"
        " series of food-processing plants in Mississippi, arresting 680 suspected undocumented immigrants,” 2019,"
        " para. 1)\n"
        "\n"
        "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants. (2019, August 8). 000_3cd96423f81a94b2.txt"
    )
    assert citation.html == (
        '<blockquote><p dir="auto">raided a series of food-processing plants in Mississippi (“Immigration officials'
        " on Wednesday raided a series of food-processing plants in Mississippi, arresting 680 suspected"
        " undocumented immigrants,” 2019, para. 1)</p></blockquote>\n"
        "<p>Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants. (2019, August 8). 000_3cd96423f81a94b2.txt</p>"
    )


def test_apa_seed_two_paragraphs_moves_the_full_stop(seed):
    citation = cite(seed, *select(seed, *PARAS_2_3), style="apa")
    assert citation.text.startswith(
        "“Around 600 Immigrations and Customs Enforcement officials surrounded the plants to prevent anyone from"
        " escaping. Some attempted to flee but were caught.\n\n“The raids, which had been"
    )
    assert citation.text.endswith(
        "by a mass shooter with anti-Hispanic beliefs in a Walmart” (“Immigration officials on Wednesday raided a"
        " series of food-processing plants in Mississippi, arresting 680 suspected undocumented immigrants,” 2019,"
        " paras. 2–3).\n"
        "\n"
        "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants. (2019, August 8). 000_3cd96423f81a94b2.txt"
    )
    # A block quotation keeps its full stop; the citation follows it.
    assert "in a Walmart. (“Immigration officials" in citation.html
    assert "2019, paras. 2–3)</p></blockquote>\n<p>Immigration officials" in citation.html


def test_mla_seed(seed):
    citation = cite(seed, *select(seed, PARA_1), style="mla")
    assert citation.text == (
        "“raided a series of food-processing plants in Mississippi” (“Immigration officials on Wednesday raided a"
        " series of food-processing plants in Mississippi, arresting 680 suspected undocumented immigrants,”"
        " par. 1)\n"
        "\n"
        "“Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants.” 8 Aug. 2019, 000_3cd96423f81a94b2.txt."
    )
    assert citation.html.endswith(
        "immigrants,” par. 1)</p></blockquote>\n"
        "<p>“Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants.” 8 Aug. 2019, 000_3cd96423f81a94b2.txt.</p>"
    )


def test_mla_seed_two_paragraphs(seed):
    text = cite(seed, *select(seed, *PARAS_2_3), style="mla").text
    assert "\n\n“The raids, which had been" in text
    assert text.endswith(
        "in a Walmart” (“Immigration officials on Wednesday raided a series of food-processing plants in"
        " Mississippi, arresting 680 suspected undocumented immigrants,” pars. 2–3).\n"
        "\n"
        "“Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants.” 8 Aug. 2019, 000_3cd96423f81a94b2.txt."
    )


def test_chicago_seed(seed):
    citation = cite(seed, *select(seed, PARA_1), style="chicago")
    assert citation.text == (
        "“raided a series of food-processing plants in Mississippi”\n"
        "\n"
        "“Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants,” August 8, 2019, para. 1, 000_3cd96423f81a94b2.txt."
    )
    assert citation.html == (
        '<blockquote><p dir="auto">raided a series of food-processing plants in Mississippi</p></blockquote>\n'
        "<p>“Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants,” August 8, 2019, para. 1, 000_3cd96423f81a94b2.txt.</p>"
    )


def test_chicago_seed_two_paragraphs(seed):
    text = cite(seed, *select(seed, *PARAS_2_3), style="chicago").text
    assert text.endswith(
        "in a Walmart.”\n"
        "\n"
        "“Immigration officials on Wednesday raided a series of food-processing plants in Mississippi, arresting"
        " 680 suspected undocumented immigrants,” August 8, 2019, paras. 2–3, 000_3cd96423f81a94b2.txt."
    )


def test_bibtex_seed(seed):
    citation = cite(seed, *select(seed, PARA_1), style="bibtex")
    assert citation.text == (
        "@misc{immigration2019cddd73,\n"
        "  title = {Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,"
        " arresting 680 suspected undocumented immigrants},\n"
        "  date = {2019-08-08},\n"
        "  year = {2019},\n"
        "  month = aug,\n"
        "  note = {file: 000\\_3cd96423f81a94b2.txt, ¶ 1},\n"
        "  annote = {raided a series of food-processing plants in Mississippi}\n"
        "}"
    )
    assert citation.html == f"<pre>{citation.text}</pre>"


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
    start, end = select(MILL, "The last shift left at noon.")
    link = '<a href="file:///archive/town/1961_mill.txt">town/1961_mill.txt</a>'
    expected = {
        "plain": (
            "“The last shift left at noon.” — Mill closes after 90 years, The Valley Gazette, 2 March 1961,"
            " town/1961_mill.txt, ¶ 2",
            f"<p>— <i>Mill closes after 90 years</i>, <i>The Valley Gazette</i>, 2 March 1961, {link}, ¶ 2</p>",
        ),
        "markdown": (
            "> The last shift left at noon.\n"
            "\n"
            "— *Mill closes after 90 years*, *The Valley Gazette*, 2 March 1961,"
            " [town/1961\\_mill.txt](file:///archive/town/1961_mill.txt), ¶ 2",
            f"<p>— <i>Mill closes after 90 years</i>, <i>The Valley Gazette</i>, 2 March 1961, {link}, ¶ 2</p>",
        ),
        "apa": (
            "“The last shift left at noon” (“Mill closes after 90 years,” 1961, para. 2).\n"
            "\n"
            "Mill closes after 90 years. (1961, March 2). The Valley Gazette. town/1961_mill.txt",
            f"<p>Mill closes after 90 years. (1961, March 2). <i>The Valley Gazette</i>. {link}</p>",
        ),
        "mla": (
            "“The last shift left at noon” (“Mill closes after 90 years,” par. 2).\n"
            "\n"
            "“Mill closes after 90 years.” The Valley Gazette, 2 Mar. 1961, town/1961_mill.txt.",
            f"<p>“Mill closes after 90 years.” <i>The Valley Gazette</i>, 2 Mar. 1961, {link}.</p>",
        ),
        "chicago": (
            "“The last shift left at noon.”\n"
            "\n"
            "“Mill closes after 90 years,” The Valley Gazette, March 2, 1961, para. 2, town/1961_mill.txt.",
            f"<p>“Mill closes after 90 years,” <i>The Valley Gazette</i>, March 2, 1961, para. 2, {link}.</p>",
        ),
    }
    for style, (text, html_reference) in expected.items():
        citation = cite(MILL, start, end, style, MILL_SOURCE)
        assert citation.text == text, style
        assert citation.html.endswith("\n" + html_reference), style


def test_bibtex_with_publication_is_an_article():
    start, end = select(MILL, "The last shift left at noon.")
    assert cite(MILL, start, end, "bibtex", MILL_SOURCE).text == (
        "@article{mill1961bd9f14,\n"
        "  title = {Mill closes after 90 years},\n"
        "  journal = {The Valley Gazette},\n"
        "  date = {1961-03-02},\n"
        "  year = {1961},\n"
        "  month = mar,\n"
        "  note = {file: town/1961\\_mill.txt, ¶ 2},\n"
        "  annote = {The last shift left at noon.}\n"
        "}"
    )


def test_citation_only_every_style():
    expected = {
        "plain": "Mill closes after 90 years, The Valley Gazette, 2 March 1961, town/1961_mill.txt",
        "markdown": "*Mill closes after 90 years*, *The Valley Gazette*, 2 March 1961,"
                    " [town/1961\\_mill.txt](file:///archive/town/1961_mill.txt)",
        "apa": "Mill closes after 90 years. (1961, March 2). The Valley Gazette. town/1961_mill.txt",
        "mla": "“Mill closes after 90 years.” The Valley Gazette, 2 Mar. 1961, town/1961_mill.txt.",
        "chicago": "“Mill closes after 90 years.” The Valley Gazette, March 2, 1961. town/1961_mill.txt.",
        "bibtex": "@article{mill1961bd9f14,\n"
                  "  title = {Mill closes after 90 years},\n"
                  "  journal = {The Valley Gazette},\n"
                  "  date = {1961-03-02},\n"
                  "  year = {1961},\n"
                  "  month = mar,\n"
                  "  note = {file: town/1961\\_mill.txt}\n"
                  "}",
    }
    for style, text in expected.items():
        citation = cite(MILL, style=style, source=MILL_SOURCE)
        assert citation.text == text, style
        assert "blockquote" not in citation.html
    assert cite(MILL, style="chicago", source=MILL_SOURCE).html == (
        "<p>“Mill closes after 90 years.” <i>The Valley Gazette</i>, March 2, 1961."
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


def test_author_when_given():
    source = CiteSource(publication="The Valley Gazette", author="Ruth Hale")
    start, end = select(MILL, "The last shift left at noon.")
    assert cite(MILL, start, end, "plain", source).text.endswith(
        "— Ruth Hale, Mill closes after 90 years, The Valley Gazette, 2 March 1961, town/1961_mill.txt, ¶ 2")
    assert cite(MILL, start, end, "apa", source).text == (
        "“The last shift left at noon” (Ruth Hale, 1961, para. 2).\n"
        "\n"
        "Ruth Hale. (1961, March 2). Mill closes after 90 years. The Valley Gazette. town/1961_mill.txt"
    )
    assert cite(MILL, start, end, "mla", source).text.endswith(
        "(Ruth Hale, par. 2).\n\nRuth Hale. “Mill closes after 90 years.” The Valley Gazette, 2 Mar. 1961,"
        " town/1961_mill.txt.")
    assert cite(MILL, start, end, "chicago", source).text.endswith(
        "\n\nRuth Hale, “Mill closes after 90 years,” The Valley Gazette, March 2, 1961, para. 2,"
        " town/1961_mill.txt.")
    assert cite(MILL, style="chicago", source=source).text == (
        "Ruth Hale. “Mill closes after 90 years.” The Valley Gazette, March 2, 1961. town/1961_mill.txt.")
    assert "  author = {Ruth Hale},\n" in cite(MILL, style="bibtex", source=source).text


# --------------------------------------------------------------------------
# Undated


UNDATED = make_article("Mill closes after 90 years.\n\nThe last shift left at noon.", path="town/undated.txt",
                       date=None)


def test_undated_omits_the_date_cleanly_except_apa():
    start, end = rest_of_paragraph(UNDATED, "The last shift")
    expected = {
        "plain": "“The last shift left at noon.” — Mill closes after 90 years, town/undated.txt, ¶ 2",
        "markdown": "> The last shift left at noon.\n\n— *Mill closes after 90 years*, `town/undated.txt`, ¶ 2",
        "apa": "“The last shift left at noon” (“Mill closes after 90 years,” n.d., para. 2).\n"
               "\n"
               "Mill closes after 90 years. (n.d.). town/undated.txt",
        "mla": "“The last shift left at noon” (“Mill closes after 90 years,” par. 2).\n"
               "\n"
               "“Mill closes after 90 years.” town/undated.txt.",
        "chicago": "“The last shift left at noon.”\n\n“Mill closes after 90 years,” para. 2, town/undated.txt.",
        "bibtex": "@misc{mill6f6f1f,\n"
                  "  title = {Mill closes after 90 years},\n"
                  "  note = {file: town/undated.txt, ¶ 2},\n"
                  "  annote = {The last shift left at noon.}\n"
                  "}",
    }
    for style, text in expected.items():
        citation = cite(UNDATED, start, end, style)
        assert citation.text == text.replace("6f6f1f", UNDATED.id[:6]), style
        for output in (citation.text, citation.html):
            assert "()" not in output and "( " not in output and ",," not in output
            assert ("n.d." in output) == (style == "apa")
    assert cite(UNDATED, style="chicago").text == "“Mill closes after 90 years.” town/undated.txt."
    assert cite(UNDATED, style="plain").text == "Mill closes after 90 years, town/undated.txt"


# --------------------------------------------------------------------------
# Quotes, escaping, scripts, white space


def test_inner_double_quotes_become_single_and_apostrophes_stay():
    start, end = select(MILL, "The last shift", "mill ran for ninety years.")
    citation = cite(MILL, start, end, "plain")
    assert citation.text == (
        "“The last shift left at noon. ‘We built this town,’ said O’Rourke, who won't retire.\n"
        "\n"
        "“‘It was home,’ said his daughter. The mill ran for ninety years.”"
        " — Mill closes after 90 years, 2 March 1961, town/1961_mill.txt, ¶¶ 2–3"
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


def test_quotes_in_the_title_nest_inside_quoted_titles():
    article = make_article('Mayor calls plan "a disaster"\n\nThe council met.')
    assert cite(article, style="mla").text == "“Mayor calls plan ‘a disaster.’” 2 Mar. 1961, town/1961_mill.txt."
    assert cite(article, style="plain").text == "Mayor calls plan \"a disaster\", 2 March 1961, town/1961_mill.txt"


def test_title_ending_in_question_mark_takes_no_extra_punctuation():
    article = make_article("Who closed the mill?\n\nNobody knows.")
    assert cite(article, style="plain").text == "Who closed the mill? 2 March 1961, town/1961_mill.txt"
    assert cite(article, style="apa").text == "Who closed the mill? (1961, March 2). town/1961_mill.txt"
    assert cite(article, style="mla").text == "“Who closed the mill?” 2 Mar. 1961, town/1961_mill.txt."
    start, end = select(article, "Nobody knows.")
    assert cite(article, start, end, "chicago").text == (
        "“Nobody knows.”\n\n“Who closed the mill?” March 2, 1961, para. 2, town/1961_mill.txt.")


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
        ' <a href="file:///archive/web/%3Ca%26b%3E.txt">web/&lt;a&amp;b&gt;.txt</a>, ¶ 2</p>'
    )
    assert citation.text == (
        "“He typed <script>alert('x')</script> &amp; left.” — Tags <b>&amp; co</b>, Smith & Sons, 2 March 1961,"
        " web/<a&b>.txt, ¶ 2"
    )
    assert cite(article, start, end, "bibtex", source).html.startswith(
        "<pre>@article{tags1961")
    assert "annote = {He typed &lt;script&gt;alert('x')&lt;/script&gt; \\&amp;amp; left.}" in cite(
        article, start, end, "bibtex", source).html


def test_markdown_escapes_what_would_format():
    article = make_article("A *bold* [claim]\n\n# 1 in 3_000 <b>` said: 2. not a list")
    start, end = rest_of_paragraph(article, "# 1 in")
    assert cite(article, start, end, "markdown").text == (
        "> \\# 1 in 3\\_000 \\<b\\>\\` said: 2. not a list\n"
        "\n"
        "— *A \\*bold\\* \\[claim\\]*, 2 March 1961, `town/1961_mill.txt`, ¶ 2"
    )
    listed = make_article("Title.\n\n1. first\n\n- second")
    start, end = select(listed, "1. first", "- second")
    assert cite(listed, start, end, "markdown").text.startswith("> 1\\. first\n>\n> \\- second\n\n")


def test_markdown_code_span_holds_backticks():
    article = make_article("Title.\n\nText.", path="odd`name.txt")
    assert cite(article, style="markdown").text == "*Title*, 2 March 1961, ``odd`name.txt``"


def test_bibtex_escapes_special_characters():
    article = make_article("Profits {up} 5% at A&B\n\nCost: $3 #1 a_b ~x ^y \\z.", path="biz/a_b.txt")
    start, end = rest_of_paragraph(article, "Cost:")
    text = cite(article, start, end, "bibtex").text
    assert "  title = {Profits \\{up\\} 5\\% at A\\&B},\n" in text
    assert "  annote = {Cost: \\$3 \\#1 a\\_b \\textasciitilde{}x \\textasciicircum{}y \\textbackslash{}z.}\n" in text
    assert "  note = {file: biz/a\\_b.txt, ¶ 2},\n" in text


def test_russian_article():
    article = make_article(
        "Завод закрылся после 90 лет.\n\n«Мы построили этот город», — сказал \"старый\" рабочий.",
        path="ru/01.txt",
    )
    start, end = rest_of_paragraph(article, "«Мы")
    assert cite(article, start, end, "plain").text == (
        "“«Мы построили этот город», — сказал ‘старый’ рабочий.” — Завод закрылся после 90 лет, 2 March 1961,"
        " ru/01.txt, ¶ 2"
    )
    assert cite(article, start, end, "mla").text == (
        "“«Мы построили этот город», — сказал ‘старый’ рабочий” (“Завод закрылся после 90 лет,” par. 2).\n"
        "\n"
        "“Завод закрылся после 90 лет.” 2 Mar. 1961, ru/01.txt."
    )
    assert cite(article, style="bibtex").text.startswith("@misc{article196143daf0,\n  title = {Завод закрылся")


def test_arabic_article():
    article = make_article("أغلق المصنع بعد تسعين عاما.\n\nقال العامل: \"كان بيتنا\".", path="ar/02.txt",
                           date=dt.date(2020, 1, 5))
    start, end = rest_of_paragraph(article, "قال")
    citation = cite(article, start, end, "chicago")
    assert citation.text == (
        "“قال العامل: ‘كان بيتنا’.”\n\n“أغلق المصنع بعد تسعين عاما,” January 5, 2020, para. 2, ar/02.txt."
    )
    assert citation.html.startswith('<blockquote><p dir="auto">قال العامل: "كان بيتنا".</p></blockquote>')
    assert cite(article, start, end, "apa").text.startswith("“قال العامل: ‘كان بيتنا’” (“أغلق المصنع بعد تسعين عاما,” 2020, para. 2).")


def test_white_space_is_normalised_but_no_break_spaces_kept():
    article = make_article("Title.\n\nLine  one\twith   tabs\nwrapped\u00a0here.\n \t\n\n  Next   para.  ")
    start, end = 0, len(article.body)
    assert cite(article, start, end).text.startswith(
        "“Title.\n\n“Line one with tabs wrapped\u00a0here.\n\n“Next para.” — Title, 2 March 1961,")
    assert cite(article, start, end, join_paragraphs=True).text == (
        "“Title. Line one with tabs wrapped\u00a0here. Next para.” — Title, 2 March 1961, town/1961_mill.txt, ¶¶ 1–3"
    )


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
        assert citation.html.count("<p dir=") == (0 if style == "bibtex" else 1), style
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
    with pytest.raises(ValueError, match="plain, markdown, apa, mla, chicago, bibtex"):
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
