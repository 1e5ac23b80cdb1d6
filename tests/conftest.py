"""Shared fixtures: the local example site, and a fresh store on SQLite and PostgreSQL.

PostgreSQL tests use ``NEWS_TEST_POSTGRES_URL`` (a server URL whose database is used only
to create and drop a throw-away database per test session, so runs never see each other's
rows). Without it they skip, except under ``CI=true``, where a missing server is an error.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from crawler.demo.server import SiteServer
from tests.crawling import install_project_reactor

install_project_reactor()  # before anything imports Twisted's default reactor

IN_CI = os.environ.get("CI", "").lower() == "true"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _require(variable: str) -> str:
    value = os.environ.get(variable)
    if value:
        return value
    if IN_CI:
        pytest.fail(f"{variable} is not set; under CI=true these tests must run")
    pytest.skip(f"{variable} not set")


@pytest.fixture
def site() -> Iterator[SiteServer]:
    """The bundled example news site, served on a free port of 127.0.0.1."""
    with SiteServer() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test session; dropped at the end."""
    admin_url = make_url(_require("NEWS_TEST_POSTGRES_URL"))
    name = f"newsclean_test_{uuid.uuid4().hex[:12]}"
    # No pooled connection: a test may restart the server in between.
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """An empty schema of the session's database, for one test (search_path set)."""
    schema = f"t_{uuid.uuid4().hex[:10]}"
    engine = create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = make_url(postgres_server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in the test's own folder (not created yet)."""
    return f"sqlite:///{tmp_path / 'news.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty store, once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))
