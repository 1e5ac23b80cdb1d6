"""`cleaning.parsing.parse_html` gives the tree trafilatura's `load_html` gives."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml import etree
from trafilatura.utils import load_html

from cleaning.parsing import decode_html, has_invalid_chars, parse_html

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pages"

CRAFTED = [
    "<!DOCTYPE html><html><head><title>T</title></head><body><p>Text</p></body></html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd" />\n'
    "<html><body><p>A</p></body></html>",
    "<!doctype html/><html><body><p>one line</p></body></html>",
    '<html lang="en"/>\n<head></head><body><p>self-closing html</p></body>',
    "<p>just a fragment</p>",
    "<div><p>a</p></div><div><p>b</p></div>",
    "not html at all",
    "",
    "<html><body><p>control \x0b and \x01 characters \ufffe</p></body></html>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>xml declaration</p></body></html>',
    "<html><body><p>Ünïcödé “quotes” – dash</p></body></html>",
]


def _same(a: etree._Element | None, b: etree._Element | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(etree.tostring(a) == etree.tostring(b))


@pytest.mark.parametrize("text", CRAFTED)
def test_same_tree_as_trafilatura_for_text_and_bytes(text: str) -> None:
    expected = load_html(text)
    assert _same(parse_html(text)[1], expected)
    assert _same(parse_html(text.encode("utf-8"))[1], expected)


def test_same_tree_on_real_pages() -> None:
    pages = sorted(FIXTURES.glob("*.html.gz"))
    assert pages
    for path in pages:
        raw = gzip.decompress(path.read_bytes())
        text, tree = parse_html(raw)
        assert text == decode_html(raw)
        assert _same(tree, load_html(text)), path.name


def test_invalid_characters_are_found_in_text_and_bytes() -> None:
    for char in ("\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"):
        text = f"<p>a{char}b</p>"
        assert has_invalid_chars(text)
        assert has_invalid_chars(text, text.encode("utf-8"))
    for text in ("<p>tab\tnewline\ncr\r</p>", "<p>ü “ ” – 中文</p>"):
        assert not has_invalid_chars(text)
        assert not has_invalid_chars(text, text.encode("utf-8"))


def test_latin1_bytes_are_decoded_with_the_declared_charset() -> None:
    raw = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9</p></body></html>'
    text, tree = parse_html(raw.encode("latin-1"))
    assert "Café" in text
    assert tree is not None and "Café" in tree.text_content()
