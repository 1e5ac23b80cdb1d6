"""Zero-width joiners that words need survive extraction: trafilatura drops them as
non-printable, so they go through it as stand-ins (`cleaning.extract`)."""

from __future__ import annotations

import pytest

from cleaning import extract_article

PERSIAN = (
    "شهرداری مشهد اعلام کرد که خط چهار قطار شهری از ماه آینده به ایستگاه‌های تازه "
    "می‌رسد و مسافران می‌توانند با کارت‌های قدیمی هم سفر کنند."
)
SINHALA = (
    "මධ්‍යම පළාත් මාර්ග මගී ප්‍රවාහන අධිකාරිය පවසන පරිදි නව බස් සේවාව මාර්තු මාසයේ "
    "සිට කටුගස්තොට සහ පේරාදෙණිය ප්‍රදේශවලින් ආරම්භ වේ."
)


def _page(title: str, paragraph: str, escaped: bool) -> str:
    if escaped:
        paragraph = paragraph.replace("\u200c", "&zwnj;").replace("\u200d", "&#x200D;")
        title = title.replace("\u200c", "&#8204;")
    body = "".join(f"<p>{paragraph} {i}</p>" for i in range(6))
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    )


@pytest.mark.parametrize("escaped", [False, True])
@pytest.mark.parametrize(
    ("title", "paragraph"),
    [("قطار شهری به ایستگاه‌های تازه می‌رسد", PERSIAN), ("නව බස් සේවාවක්", SINHALA)],
)
def test_joiners_are_kept_in_text_and_title(title: str, paragraph: str, escaped: bool) -> None:
    article = extract_article(_page(title, paragraph, escaped), "https://example.org/n/1")
    assert f"{paragraph} 0" in article.text
    assert article.title == title
    assert "\U0001d800" not in article.text and "\U0001d801" not in article.text
