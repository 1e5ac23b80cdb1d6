"""`crawler.encoding.decode_html`: the page text whatever its headers claim."""

from __future__ import annotations

from crawler.encoding import decode_html

TEXT = "<html><body><p>Über café, смотрите «это» — 東京</p></body></html>"


def test_bom_wins_over_a_wrong_header() -> None:
    body = b"\xef\xbb\xbf" + TEXT.encode("utf-8")
    assert decode_html(body, "text/html; charset=iso-8859-1") == TEXT


def test_declared_charset_is_used_when_the_body_decodes_with_it() -> None:
    text = "<html><body><p>Новости дня: правительство объявило новые меры</p></body></html>"
    assert decode_html(text.encode("cp1251"), "text/html; charset=windows-1251") == text


def test_a_lying_declaration_falls_back_to_utf8() -> None:
    assert decode_html(TEXT.encode("utf-8"), "text/html; charset=ascii") == TEXT


def test_no_declaration_and_not_utf8_is_guessed() -> None:
    text = "<html><body><p>" + "Новости дня: правительство объявило новые меры. " * 20
    assert decode_html(text.encode("cp1251"), None).startswith("<html><body><p>Новости дня")
