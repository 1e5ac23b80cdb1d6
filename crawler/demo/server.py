"""A small static HTTP server for the bundled example site (demo and tests).

It serves the files under a folder by path (``/a/b/`` serves ``a/b/index.html``),
replaces the placeholder ``{{BASE_URL}}`` in text files with its own origin, answers
conditional requests (ETag / Last-Modified -> 304) like a real web server, and lets a
test change, remove or break a page while it runs (`SiteServer.override`).
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

SITE_DIR = Path(__file__).with_name("site")
PLACEHOLDER = b"{{BASE_URL}}"
TEXT_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}
# A fixed Last-Modified for every file, so conditional requests are deterministic.
STATIC_LAST_MODIFIED = "Mon, 06 Jan 2025 08:00:00 GMT"


@dataclass
class Override:
    """A canned answer for one path, replacing the file on disk."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class _Server(ThreadingHTTPServer):
    # a crawl opens many connections at once; the default backlog of 5 drops some on a
    # busy machine, and the crawler then sees timeouts that are not the page's doing
    request_queue_size = 128


class SiteServer:
    """Serve ``root`` on 127.0.0.1 in a background thread.

    Use as a context manager; ``base_url`` is ``http://127.0.0.1:PORT``. ``requests``
    records ``(method, path, headers)`` of each request for tests to inspect.
    """

    def __init__(self, root: Path = SITE_DIR, port: int = 0) -> None:
        self.root = root
        self.overrides: dict[str, Override] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.delay = 0.0  # seconds to wait before answering (tests of slow servers)
        self.times: list[float] = []  # time.monotonic() of each request, as `requests`
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"site": self})
        self.httpd = _Server(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def override(
        self,
        path: str,
        status: int = 200,
        body: bytes | str = b"",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer ``path`` with ``status`` and ``body`` instead of the file on disk."""
        data = body.encode() if isinstance(body, str) else body
        data = data.replace(PLACEHOLDER, self.base_url.encode())
        with self._lock:
            self.overrides[path] = Override(status, data, dict(headers or {}))

    def record(self, method: str, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append((method, path, headers))
            self.times.append(time.monotonic())

    def resolve(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        """Return status, body and headers for a request path."""
        path = path.split("?", 1)[0].split("#", 1)[0]
        with self._lock:
            override = self.overrides.get(path)
        if override is not None:
            headers = {"Content-Type": "text/html; charset=utf-8", **override.headers}
            return override.status, override.body, headers
        file = self._file_for(path)
        if file is None:
            return (
                404,
                b"<html><body><h1>Not found</h1></body></html>",
                {"Content-Type": "text/html; charset=utf-8"},
            )
        content_type = CONTENT_TYPES.get(file.suffix) or (
            mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        )
        body = file.read_bytes()
        if content_type.startswith(TEXT_TYPES):
            body = body.replace(PLACEHOLDER, self.base_url.encode())
        return 200, body, {"Content-Type": content_type, "Last-Modified": STATIC_LAST_MODIFIED}

    def _file_for(self, path: str) -> Path | None:
        relative = path.lstrip("/")
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root.resolve()):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


class _Handler(BaseHTTPRequestHandler):
    site: SiteServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        self.site.record(self.command, self.path, dict(self.headers.items()))
        if self.site.delay:
            time.sleep(self.site.delay)
        status, body, headers = self.site.resolve(self.path)
        if status == 200:
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            headers.setdefault("ETag", etag)
            if self._not_modified(headers):
                status, body = 304, b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)

    def _not_modified(self, headers: dict[str, str]) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return headers.get("ETag") in {t.strip() for t in if_none_match.split(",")}
        if_modified_since = self.headers.get("If-Modified-Since")
        last_modified = headers.get("Last-Modified")
        if if_modified_since and last_modified:
            try:
                since = email.utils.parsedate_to_datetime(if_modified_since)
                modified = email.utils.parsedate_to_datetime(last_modified)
            except (TypeError, ValueError):
                return False
            return modified <= since
        return False

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: tests and the demo read the crawl's output, not the server's."""
