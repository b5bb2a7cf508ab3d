"""403 and 404 are logged as one line without a traceback; a server error keeps its traceback."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _missing(request: HttpRequest) -> HttpResponse:
    raise Http404


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("kaputt")


urlpatterns = [
    path("konto/verboten/", _forbidden),
    path("konto/fehlt/", _missing),
    path("konto/kaputt/", _broken),
    path("", include("teilhabe.urls")),  # the error pages link to the rest
]
handler403 = "teilhabe.core.views.permission_denied"
handler404 = "teilhabe.core.views.page_not_found"
handler500 = "teilhabe.core.views.server_error"


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "status", "line"), [
    ("/heidelberg/intern/seiten/", 403, "Forbidden (Permission denied): /heidelberg/intern/seiten/"),
    ("/heidelberg/gibt-es-nicht/", 404, "Not Found: /heidelberg/gibt-es-nicht/"),
    ("/nirgendwo/auch/nicht/", 404, "Not Found: /nirgendwo/auch/nicht/"),
])
def test_403_and_404_of_the_application_log_no_traceback(url, status, line, caplog, municipality, lesend,
                                                         client_for):
    with caplog.at_level(logging.INFO):
        response = client_for(lesend).get(url)
    assert response.status_code == status
    records = _records(caplog)
    assert [r.getMessage() for r in records] == [line]
    assert records[0].levelno == logging.WARNING
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


@pytest.mark.urls(__name__)
@pytest.mark.django_db
@pytest.mark.parametrize(("url", "status"), [("/konto/verboten/", 403), ("/konto/fehlt/", 404)])
def test_raised_permission_denied_and_http404_log_no_traceback(url, status, caplog):
    with caplog.at_level(logging.INFO):
        response = Client().get(url)
    assert response.status_code == status
    assert len(_records(caplog)) == 1
    assert _records(caplog)[0].exc_info is None
    assert "Traceback" not in caplog.text


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_server_error_keeps_its_traceback(caplog):
    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get("/konto/kaputt/")
    assert response.status_code == 500
    [record] = _records(caplog)
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert "Traceback" in caplog.text and "kaputt" in caplog.text
