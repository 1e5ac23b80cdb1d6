"""Settings are checked before a crawl starts: wrong types and misspelt names."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.config import SettingsError, check_settings, project_defaults
from tests.crawling import run_command


def settings(**values: object) -> Settings:
    result = Settings()
    result.setmodule("crawler.settings", priority="project")
    result.setdict(values, priority="cmdline")
    return result


def test_the_project_defaults_pass() -> None:
    assert check_settings(settings()) == []
    assert "NEWS_DB_URL" in project_defaults()


@pytest.mark.parametrize("value", ["True", "false", "1", "0", True, False])
def test_booleans_scrapy_accepts_pass(value: object) -> None:
    assert check_settings(settings(NEWS_ALLOW_PRIVATE_ADDRESSES=value)) == []


@pytest.mark.parametrize("value", ["ture", "yes", "2", "on"])
def test_other_booleans_are_refused_with_the_fix(value: str) -> None:
    with pytest.raises(SettingsError, match="is not a boolean; use True or False"):
        check_settings(settings(NEWS_ALLOW_PRIVATE_ADDRESSES=value))


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NEWS_CLEANING_WORKERS", "two", "is not a whole number"),
        ("NEWS_DB_BATCH_SIZE", "5O", "is not a whole number"),
        ("NEWS_SHUTDOWN_TIMEOUT", "ten", "is not a number"),
    ],
)
def test_numbers_are_checked(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        check_settings(settings(**{name: value}))


def test_numbers_and_empty_defaults_pass() -> None:
    assert (
        check_settings(
            settings(
                NEWS_CLEANING_WORKERS="3", NEWS_SHUTDOWN_TIMEOUT="2.5", NEWS_CLEANING_MAX_PENDING=""
            )
        )
        == []
    )


def test_a_misspelt_name_is_refused_with_did_you_mean() -> None:
    with pytest.raises(SettingsError, match="did you mean NEWS_CLEANING_WORKERS"):
        check_settings(settings(NEWS_CLEANING_WORKRS="2"))


def test_a_name_close_to_none_is_a_warning() -> None:
    assert check_settings(settings(NEWS_SOMETHING_ELSE_ENTIRELY="x")) == [
        "unknown setting NEWS_SOMETHING_ELSE_ENTIRELY is not used"
    ]


@pytest.mark.parametrize(
    ("setting", "line"),
    [
        (
            "NEWS_ALLOW_PRIVATE_ADDRESSES=ture",
            "scrapy crawl news: error: NEWS_ALLOW_PRIVATE_ADDRESSES='ture' is not a boolean; "
            "use True or False",
        ),
        (
            "NEWS_RECRAWL_INTERVL=2",
            "scrapy crawl news: error: unknown setting NEWS_RECRAWL_INTERVL; did you mean "
            "NEWS_RECRAWL_INTERVAL?",
        ),
    ],
)
def test_a_crawl_with_a_bad_setting_stops_before_anything_is_written(
    tmp_path: Path, setting: str, line: str
) -> None:
    done = run_command(
        ["crawl", "news", "-a", "site=http://127.0.0.1:9/", "-s", setting],
        tmp_path,
        f"sqlite:///{tmp_path / 'news.db'}",
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [line]
    assert not (tmp_path / "news.db").exists()
