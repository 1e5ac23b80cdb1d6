"""A small HTTP server on 127.0.0.1 that misbehaves on purpose, path by path.

Each path gets a `Fault`: a status, headers and body like a normal answer, or a way of
going wrong -- sleeping past the client's timeout, resetting the connection half-way
through the body, announcing a larger ``Content-Length`` than it sends, streaming a body
with no length at all, redirecting. The server counts requests per path, so a test can
check what was retried and what was never fetched.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

PLACEHOLDER = b"{{BASE_URL}}"


@dataclass
class Fault:
    """How to answer one path.

    Attributes:
        status: HTTP status.
        body: The body (``{{BASE_URL}}`` is replaced by the server's origin).
        headers: Extra headers; ``Content-Type`` defaults to ``text/html; charset=utf-8``.
        sleep: Seconds to wait before answering (past the client's timeout).
        reset_after: Send the headers and this many body bytes, then reset the connection.
        content_length: The ``Content-Length`` to announce, if not the body's own length.
        stream: Send this many bytes of filler with no ``Content-Length`` (close-delimited).
    """

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    sleep: float = 0.0
    reset_after: int | None = None
    content_length: int | None = None
    stream: int = 0


def gzip_bomb(size: int) -> bytes:
    """A gzip body of a few kilobytes that inflates to ``size`` bytes of spaces."""
    return gzip.compress(b" " * size, 9)


class _Server(ThreadingHTTPServer):
    # a crawl opens many connections at once; the default backlog of 5 drops some on a
    # busy machine, and the crawler then sees timeouts that are not the page's doing
    request_queue_size = 128


class FaultServer:
    """Serve `Fault` s on a free port of 127.0.0.1 in a background thread."""

    def __init__(self) -> None:
        self.faults: dict[str, Fault] = {}
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"server_state": self})
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def add(self, path: str, fault: Fault | None = None, **kwargs: object) -> str:
        """Answer ``path`` with ``fault`` (or ``Fault(**kwargs)``); return its full URL."""
        fault = fault or Fault(**kwargs)  # type: ignore[arg-type]
        fault.body = fault.body.replace(PLACEHOLDER, self.base_url.encode())
        self.faults[path] = fault
        return self.base_url + path

    def count(self, path: str) -> int:
        """How many requests ``path`` received."""
        with self._lock:
            return self.hits[path]

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    server_state: FaultServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        state = self.server_state
        with state._lock:
            state.hits[path] += 1
        fault = state.faults.get(path)
        if fault is None:
            fault = Fault(404, b"<html><body><h1>Not found</h1></body></html>")
        if fault.sleep:
            time.sleep(fault.sleep)
        # The client may give up first (a timeout, a size limit): expected here.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(fault)

    def _answer(self, fault: Fault) -> None:
        self.send_response(fault.status)
        headers = {"Content-Type": "text/html; charset=utf-8", **fault.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        if fault.stream:
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>\n"
            sent = 0
            while sent < fault.stream:
                self.wfile.write(chunk)
                sent += len(chunk)
            self.close_connection = True
            return
        length = fault.content_length if fault.content_length is not None else len(fault.body)
        self.send_header("Content-Length", str(length))
        if fault.content_length is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if fault.reset_after is not None:
            self.wfile.write(fault.body[: fault.reset_after])
            self.wfile.flush()
            time.sleep(0.05)
            # SO_LINGER with a zero timeout makes close() send a TCP RST.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        self.wfile.write(fault.body)
        if fault.content_length is not None:
            self.wfile.flush()
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the tests read the crawl's outcomes, not the server's log."""
