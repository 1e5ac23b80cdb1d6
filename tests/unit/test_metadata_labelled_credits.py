"""Credits apart from the byline: "作者： X", "<strong>Autor:</strong> <a>X</a>", a closing
"（评论员 X Y）", a post footer's "Name | date"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html
from lxml.html import HtmlElement

from cleaning.metadata.people import footer_credits, labelled_credits, signature_people


def _tree(body: str) -> HtmlElement:
    return lxml_html.fromstring(f"<html><body><h1>Headline</h1><p>Text.</p>{body}</body></html>")


@pytest.mark.parametrize(
    ("body", "people"),
    [
        # a label element, then a link to the person's profile page
        (
            '<div><p><strong>Autor:</strong> <a href="/profil/207/Jane_Doe">Jane Doe</a><br/>'
            '<strong>Tags:</strong> <a href="/tag/x">x</a></p></div>',
            ["Jane Doe"],
        ),
        # a byline prefix and its colon, the name in the same text (role glued to it)
        (
            "<table><tr><td><font>作者： 记者王敬照</font></td>"
            "<td><font>编辑： 王华军</font></td></tr></table>",
            ["王敬照"],
        ),
        ("<p><b>By:</b> <a href='/people/jane-doe'>Jane Doe</a></p>", ["Jane Doe"]),
    ],
)
def test_labelled_credits(body: str, people: list[str]) -> None:
    assert labelled_credits(_tree(body), None) == people


@pytest.mark.parametrize(
    "body",
    [
        # a photo's label is no byline prefix
        '<p><strong>Foto:</strong> <a href="/profil/1/Jane_Doe">Jane Doe</a></p>',
        # a label followed by plain text, not by a link to a person's page
        "<p><strong>Autor:</strong> Stephen King<br/><strong>Verlag:</strong> Heyne</p>",
        # the word in a quoted sentence
        '<p>Sein Fazit lautete: "Autor: ein Beruf wie jeder andere", sagte er.</p>',
        "<p>Autor: ist ein Wort, das hier vorkommt</p>",
        # a line of the text's paragraphs (a signature only at the text's ends)
        "<p>Autor: Jane Doe</p><p>Mehr Text.</p>",
        "<p>Er schrieb: <span>Autor: Jane Doe</span> und mehr.</p>",
        # a comment's credit and a sidebar's
        '<div class="comments"><p><b>Autor:</b> <a href="/u/1">Jane Doe</a></p></div>',
        '<aside><p><b>Autor:</b> <a href="/u/1">Jane Doe</a></p></aside>',
        # the editor's credit names no author
        "<p><font>编辑： 王华军</font></p>",
    ],
)
def test_look_alikes_are_not_labelled_credits(body: str) -> None:
    assert labelled_credits(_tree(body), None) == []


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）", ["罗博", "萧海川"]),
        ("新华社北京电（记者 王晓明）", ["王晓明"]),
        ("Der Text endet hier (Autor: Jane Doe)", ["Jane Doe"]),
    ],
)
def test_a_parenthesised_credit_closing_a_line(line: str, people: list[str]) -> None:
    assert signature_people([line], None) == people


@pytest.mark.parametrize(
    "line",
    [
        "图为现场的救援人员。（记者 张三 摄）",  # a photo credit
        "正文到此结束。（编辑 王华军）",  # the editor's credit
        "正文到此结束。（来源：新华社）",  # the source's
        "正文到此结束。（新华社）",  # an outlet without a role word
        "Der Minister sagte es deutlich (mit Jane Doe im Saal)",  # a remark
        "Das Buch erschien 2020 (Reuters)",
    ],
)
def test_look_alikes_are_not_closing_credits(line: str) -> None:
    assert signature_people([line], None) == []


NOW = datetime(2025, 12, 31, 12, 0, tzinfo=UTC)


def _post(footer: str, after: str = "") -> HtmlElement:
    return lxml_html.fromstring(
        "<html><body><div class='post'><h2 class='entry-title'>Headline</h2>"
        f"<div class='entry-content'><p>Text.</p></div>{footer}</div>{after}</body></html>"
    )


def _footer_people(tree: HtmlElement) -> list[str]:
    return footer_credits(tree, tree.find(".//h2"), None, now=NOW)


def test_a_posts_footer_line_names_its_author() -> None:
    footer = (
        "<div class='entry-footer'><div class='left'><a href='/c/a'>Bundesliga</a> "
        "<a href='/c/b'>Fernsehen</a></div>"
        "<div class='right'><span>Malte Welding </span> | 29.07.2006 um 14:26</div></div>"
    )
    assert _footer_people(_post(footer)) == ["Malte Welding"]


@pytest.mark.parametrize(
    ("footer", "after"),
    [
        # the page's footer, not the post's
        ("", "<footer><div>Jane Doe | 29.07.2006</div></footer>"),
        # a comment's footer in the post's container
        ("<div class='comment'><div class='comment-footer'>Jane Doe | 29.07.2006</div></div>", ""),
        # a category, not a person; a date before the name (another order)
        ("<div class='entry-footer'><div>Bundesliga | 29.07.2006</div></div>", ""),
        ("<div class='entry-footer'><div>Abgelegt unter Fußball Bundesliga | 2006</div></div>", ""),
        # the categories and the name run together in one block
        (
            "<div class='entry-footer'><div><a href='/c/a'>Bundesliga</a> "
            "<a href='/c/b'>Fernsehen</a></div></div>",
            "",
        ),
    ],
)
def test_look_alikes_are_not_footer_credits(footer: str, after: str) -> None:
    assert _footer_people(_post(footer, after)) == []
