"""A local HTTP server for feed tests (http.server in a thread): serves good and bad calendars."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


class FeedServer:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.bodies: dict[str, tuple[bytes, str]] = {}
        self.huge_sent = 0

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"


class Handler(BaseHTTPRequestHandler):
    feeds: FeedServer

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/calendar; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        feeds = self.feeds
        feeds.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?")[0]
        if path in feeds.bodies:
            body, etag = feeds.bodies[path]
            if etag and self.headers.get("If-None-Match") == etag:
                self._send(304, headers={"ETag": etag})
            else:
                self._send(200, body, headers={"ETag": etag, "Last-Modified": "Mon, 30 Nov 2026 10:00:00 GMT"}
                           if etag else None)
        elif path == "/slow.ics":
            time.sleep(3)
            self._send(200, (FIXTURES / "google.ics").read_bytes())
        elif path == "/huge.ics":  # 50 MB, streamed without Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            line = b"BEGIN:VCALENDAR\r\n" + b"X-PADDING:" + b"x" * 1000 + b"\r\n"
            try:
                for _ in range(50 * 1024):
                    self.wfile.write(line)
                    feeds.huge_sent += len(line)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/declared-huge.ics":
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif path == "/missing.ics":
            self._send(404, b"Not Found", "text/plain")
        elif path == "/error.ics":
            self._send(500, b"Internal Server Error", "text/plain")
        elif path == "/page.html":
            self._send(200, b"<!DOCTYPE html><html><body>Kalender</body></html>", "text/html; charset=utf-8")
        elif path == "/text.ics":
            self._send(200, b"Hallo, dies ist kein Kalender. " * 20, "text/plain")
        elif path == "/to-ftp":
            self._send(302, headers={"Location": "ftp://example.org/feed.ics"})
        elif path == "/to-file":
            self._send(302, headers={"Location": "file:///etc/passwd"})
        elif path == "/to-good":
            self._send(301, headers={"Location": "/good.ics"})
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        else:
            self._send(404, b"", "text/plain")


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    handler = type("BoundHandler", (Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    feeds = FeedServer(server)
    handler.feeds = feeds
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield feeds
    finally:
        server.shutdown()
        server.server_close()
