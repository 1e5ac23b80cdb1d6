"""The resolver downloads connect with gives untrusted hosts no private address."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from scrapy.resolver import dnscache
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.arguments import CrawlTargets
from crawler.middlewares import PrivateAddress, PublicOnlyResolver


def resolve(name: str, address: str, start: str, **settings: Any) -> str | Failure:
    crawler = get_crawler(settings_dict=settings)
    crawler.spider = SimpleNamespace(  # type: ignore[assignment]
        targets=CrawlTargets.from_arguments({"site": start})
    )
    resolver = PublicOnlyResolver.from_crawler(crawler, reactor=None)
    dnscache[name] = address  # what the name resolves to now (answered from the cache)
    results: list[str | Failure] = []
    resolver.getHostByName(name).addBoth(results.append)
    return results[0]


def test_an_untrusted_name_resolving_private_is_refused() -> None:
    result = resolve("rebind.example", "10.1.2.3", "https://news.example/")
    assert isinstance(result, Failure)
    assert isinstance(result.value, PrivateAddress)


def test_trusted_names_and_public_answers_pass() -> None:
    assert resolve("intranet.example", "10.1.2.3", "https://intranet.example/") == "10.1.2.3"
    assert resolve("cdn.example", "93.184.216.34", "https://news.example/") == "93.184.216.34"
    assert (
        resolve(
            "lab.example", "127.0.0.1", "https://news.example/", NEWS_ALLOW_PRIVATE_ADDRESSES=True
        )
        == "127.0.0.1"
    )
