"""The `smtp_server` fixture: a real SMTP server (aiosmtpd) in a separate process; Django's SMTP backend sends
to it and the test reads the messages back, parsed by the `email` package."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from email.message import EmailMessage

import pytest
from django.core import mail

BODY = "Grüße aus der Koordinierungsstelle: Maßnahmen für Zuwanderinnen, Übersetzungen ins Türkische. ÄÖÜäöüß"


def test_send_mail_arrives_with_subject_recipients_and_umlauts(smtp_server):
    sent = mail.send_mail("Berichtsrunde 2027: Rückmeldung erbeten", BODY, "koordination@heidelberg.example",
                          ["amt@heidelberg.example", "verein@example.org"])
    assert sent == 1
    [message] = smtp_server.wait_for(1)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == "Berichtsrunde 2027: Rückmeldung erbeten"
    assert message["From"] == "koordination@heidelberg.example"
    assert [a.addr_spec for a in message["To"].addresses] == ["amt@heidelberg.example", "verein@example.org"]
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().strip() == BODY


def test_the_envelope_shows_bcc_recipients(smtp_server):
    mail.EmailMessage("Hinweis", "Text", "teilhabe@heidelberg.example", ["a@example.org"],
                      bcc=["geheim@example.org"]).send()
    [message] = smtp_server.messages()
    assert message["X-MailFrom"] == "teilhabe@heidelberg.example"
    assert message["X-RcptTo"] == "a@example.org, geheim@example.org"
    assert message["Bcc"] is None  # Bcc is only in the envelope


def test_messages_come_in_order_and_each_test_starts_empty(smtp_server):
    assert smtp_server.messages() == []
    with mail.get_connection() as connection:
        for number in range(3):
            mail.EmailMessage(f"Nachricht {number}", "Text", None, ["a@example.org"], connection=connection).send()
    assert [m["Subject"] for m in smtp_server.wait_for(3)] == ["Nachricht 0", "Nachricht 1", "Nachricht 2"]


def test_a_mail_sent_by_another_process_is_waited_for(smtp_server):
    script = textwrap.dedent(f"""
        import smtplib, time
        time.sleep(0.5)
        with smtplib.SMTP("{smtp_server.host}", {smtp_server.port}) as smtp:
            smtp.sendmail("a@example.org", ["b@example.org"], b"Subject: Spaet\\r\\n\\r\\nText\\r\\n")
    """)
    process = subprocess.Popen([sys.executable, "-c", script])  # noqa: S603
    try:
        assert smtp_server.messages() == []
        [message] = smtp_server.wait_for(1, timeout=10)
        assert message["Subject"] == "Spaet"
    finally:
        process.wait(timeout=10)


def test_wait_for_fails_clearly_when_nothing_arrives(smtp_server):
    with pytest.raises(AssertionError, match=r"expected 1 message\(s\) within 0.2 s, received 0"):
        smtp_server.wait_for(1, timeout=0.2)


def test_the_server_is_a_separate_process(smtp_server):
    assert smtp_server.is_running()
    assert smtp_server._process.pid != os.getpid()
