"""A real SMTP server for the tests: aiosmtpd in a process of its own, writing every message it receives into a
directory, and the handle the `smtp_server` fixture (tests/conftest.py) gives a test to read them back.

The server process runs `python -m aiosmtpd -n -l 127.0.0.1:<port> -c tests.smtp_sink.MessageDirectory <dir>`.
Each message is stored as it arrived on the wire, preceded by two headers with the SMTP envelope
(`X-MailFrom`, `X-RcptTo`: the envelope recipients include Bcc addresses, which the message itself does not
show). A message is written to a temporary name and renamed, so a reader never sees half a message; the server
answers 250 only after the rename, so a mail sent synchronously is there when `send_mail` returns.

This module is imported by the server process too: keep it free of Django.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

SUFFIX = ".eml"
REPO_ROOT = Path(__file__).resolve().parents[1]


class MessageDirectory:
    """aiosmtpd handler: one file per message in the directory given on the command line."""

    def __init__(self, directory: str) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_cli(cls, parser: Any, *args: str) -> MessageDirectory:  # aiosmtpd's hook for `-c CLASS ARGS`
        if len(args) != 1:
            parser.error("MessageDirectory needs exactly one argument: the directory for the messages")
        return cls(args[0])

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd's hook name
        envelope_headers = (
            f"X-MailFrom: {envelope.mail_from}\r\nX-RcptTo: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex}"
        partial = self.directory / f".{name}.part"
        partial.write_bytes(envelope_headers + envelope.original_content)
        partial.rename(self.directory / f"{name}{SUFFIX}")
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpServer:
    """The aiosmtpd process and the messages it has received."""

    host = "127.0.0.1"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.log = directory.with_name(f"{directory.name}.log")  # aiosmtpd's own output, for a failed start
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 15) -> None:
        """Start the server on a free port and wait until it greets (220); try another port if it was taken."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3):
            self.port = free_port()
            with self.log.open("ab") as log:
                self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                    [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"{self.host}:{self.port}",
                     "-c", f"{__name__}.MessageDirectory", str(self.directory)],
                    cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                )
            if self._wait_for_greeting(timeout):
                return
            self.stop()
        output = self.log.read_text(errors="replace") if self.log.exists() else ""
        raise RuntimeError(f"aiosmtpd did not start on {self.host}:\n{output}")

    def _wait_for_greeting(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                return False  # exited: the port was taken, or aiosmtpd failed
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as sock:
                    if sock.recv(3) == b"220":
                        return True
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def clear(self) -> None:
        """Forget the messages received so far (the fixture does this before each test)."""
        for path in self.directory.glob(f"*{SUFFIX}"):
            path.unlink()

    def messages(self) -> list[EmailMessage]:
        """The messages received, oldest first, parsed with the `email` package's default policy."""
        found = []
        for path in sorted(self.directory.glob(f"*{SUFFIX}")):
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            assert isinstance(message, EmailMessage)
            found.append(message)
        return found

    def wait_for(self, count: int, timeout: float = 5) -> list[EmailMessage]:
        """Wait until at least `count` messages have arrived and return them all; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.messages()
            if len(messages) >= count:
                return messages
            if time.monotonic() >= deadline:
                raise AssertionError(f"expected {count} message(s) within {timeout} s, received {len(messages)}")
            if not self.is_running():
                raise AssertionError(f"the SMTP server has stopped; received {len(messages)} message(s)")
            time.sleep(0.05)
