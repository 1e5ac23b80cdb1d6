"""Per-site rules from a TOML file: loading, errors with file and line, use in extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaning import BadRulesFile, extract_article, load_site_rules, parse_site_rules

REPO = Path(__file__).resolve().parents[2]

BODY = "\n".join(
    f"<p>Paragraph {i}: the regional parliament debated the harbour budget for hours, and "
    f"members of every party asked for more money for schools, buses and the old docks.</p>"
    for i in range(6)
)
PAGE = (
    '<html lang="en"><head><title>Harbour</title><meta property="og:type" content="article"></head>'
    "<body><article><h1>Harbour budget</h1>"
    f"{BODY}<p>Example News is an independent newsroom funded by readers like you.</p>"
    '<div class="newsletter-signup"><p>Our weekly letter brings you the harbour news first, '
    "every Friday morning, straight from the docks to your inbox for free.</p></div>"
    "</article></body></html>"
)


def test_example_file_loads() -> None:
    rules = load_site_rules(REPO / "examples" / "site-rules.toml")
    assert rules.for_url("https://www.thehill.com/homenews/x") is not None
    assert rules.for_url("https://unknown.example.org/") is None


def test_domain_covers_subdomains_and_most_specific_wins() -> None:
    rules = parse_site_rules(
        '[sites."example.com"]\ndrop_patterns = ["a"]\n'
        '[sites."news.example.com"]\ndrop_patterns = ["b"]\n'
    )
    assert rules.for_url("https://www.example.com/x").domain == "example.com"  # type: ignore[union-attr]
    assert rules.for_url("https://news.example.com/x").domain == "news.example.com"  # type: ignore[union-attr]
    assert rules.for_url("https://notexample.com/x") is None


def test_rules_prune_and_drop_in_extraction() -> None:
    rules = parse_site_rules(
        '[sites."example-news.com"]\n'
        'prune_selectors = ["div.newsletter-signup"]\n'
        'drop_patterns = ["^Example News is an independent newsroom"]\n'
    )
    plain = extract_article(PAGE, "https://example-news.com/2024/harbour/")
    assert "independent newsroom" in plain.text
    cleaned = extract_article(PAGE, "https://example-news.com/2024/harbour/", rules=rules)
    assert "independent newsroom" not in cleaned.text
    assert "weekly letter" not in cleaned.text
    assert "site_rule" in {r.rule for r in cleaned.removed}
    # other sites are untouched
    other = extract_article(PAGE, "https://other.example.org/2024/harbour/", rules=rules)
    assert "independent newsroom" in other.text


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('[sites."a.com"]\ndrop_patterns = ["ok",\n', 3, "invalid TOML"),
        ('[sites."a.com"]\ndrop_patterns = ["ok", "(unclosed"]\n', 2, "invalid regular expression"),
        ('[sites."a.com"]\n\nprune_xpaths = ["//div[@class="]\n', 3, "invalid XPath"),
        ('[sites."a.com"]\nprune_selectors = ["div[["]\n', 2, "invalid CSS selector"),
        ('[sites."a.com"]\ndrop_pattern = ["x"]\n', 2, "unknown key 'drop_pattern'"),
        ('[sites."a.com"]\ndrop_patterns = "x"\n', 2, "must be a list of strings"),
        ('[sites."not a domain"]\ndrop_patterns = []\n', 1, "is not a domain name"),
        ('[site."a.com"]\n', 1, "unknown top-level key"),
    ],
)
def test_bad_files_name_file_line_and_reason(text: str, line: int, reason: str) -> None:
    with pytest.raises(BadRulesFile) as info:
        parse_site_rules(text, "rules.toml")
    message = str(info.value)
    assert message.startswith(f"rules.toml:{line}: "), message
    assert reason in message
    assert info.value.reason == "bad_rules"


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(BadRulesFile, match="cannot read"):
        load_site_rules(tmp_path / "missing.toml")


def test_escaped_pattern_line_is_found(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[sites."a.com"]\ndrop_patterns = [\n  "^ok",\n  "\\\\d+(",\n]\n', encoding="utf-8"
    )
    with pytest.raises(BadRulesFile) as info:
        load_site_rules(path)
    assert str(info.value).startswith(f"{path}:4: ")
