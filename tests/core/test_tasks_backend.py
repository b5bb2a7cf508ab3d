"""Background tasks: the database queue by default (also in the tests), run by the real worker through the
`run_tasks` fixture; `immediate_tasks` runs them at once; TEILHABE_TASKS_BACKEND chooses the backend."""

from __future__ import annotations

import runpy
import signal
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django_tasks import TaskResultStatus, task, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

import teilhabe.settings
from teilhabe.core.models import Municipality, OrgUnit
from teilhabe.core.tenancy import municipality_scope

SETTINGS_FILE = Path(teilhabe.settings.__file__)
CALLS: list[int] = []


@task()
def add(a: int, b: int) -> int:
    CALLS.append(a + b)
    return a + b


@task()
def count_org_units(municipality_id: int) -> int:
    """Like a real task: enters its municipality, reads through the scope."""
    with municipality_scope(municipality_id):
        return OrgUnit.objects.count()


@task()
def count_org_units_without_scope() -> int:
    return OrgUnit.objects.count()


@task()
def fail() -> None:
    raise ValueError("kaputt")


@task()
def enqueue_follow_up() -> str:
    return add.enqueue(20, 22).id


@task()
def send_greeting(address: str) -> None:
    mail.send_mail("Grüße aus Heidelberg", "Schöne Grüße, Ihr Integrationsbüro", None, [address])


@pytest.fixture(autouse=True)
def _no_calls():
    CALLS.clear()


def test_the_database_backend_is_the_default_in_tests(db):
    assert isinstance(task_backends["default"], DatabaseBackend)


def test_an_enqueued_task_waits_until_the_worker_runs_it(db, run_tasks):
    result = add.enqueue(2, 3)
    assert result.status == TaskResultStatus.READY
    assert CALLS == []
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY

    ran = run_tasks()

    assert [r.id for r in ran] == [result.id]
    assert CALLS == [5]
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5
    assert run_tasks() == []  # nothing left


def test_the_worker_sees_the_tests_data_and_no_scope(municipality, amt, other_amt, run_tasks):
    scoped = count_org_units.enqueue(municipality.pk)
    unscoped = count_org_units_without_scope.enqueue()
    run_tasks()
    scoped.refresh()
    unscoped.refresh()
    assert scoped.status == TaskResultStatus.SUCCESSFUL and scoped.return_value == 2
    # The worker runs outside the test's municipality scope, as in production: a task must enter it.
    assert unscoped.status == TaskResultStatus.FAILED
    assert unscoped.errors[0].exception_class_path == "django_scopes.exceptions.ScopeError"


def test_a_failing_task_is_recorded_and_the_others_still_run(db, run_tasks):
    failing = fail.enqueue()
    fine = add.enqueue(1, 1)
    assert {r.id: r.status for r in run_tasks()} == {
        failing.id: TaskResultStatus.FAILED, fine.id: TaskResultStatus.SUCCESSFUL}
    failing.refresh()
    assert failing.errors[0].exception_class_path == "builtins.ValueError"
    assert "kaputt" in failing.errors[0].traceback


def test_tasks_enqueued_by_tasks_run_in_the_same_call(db, run_tasks):
    parent = enqueue_follow_up.enqueue()
    assert len(run_tasks()) == 2
    parent.refresh()
    child = add.get_result(parent.return_value)
    assert child.status == TaskResultStatus.SUCCESSFUL and child.return_value == 42


def test_a_deferred_task_waits_for_its_time(db, run_tasks):
    from datetime import timedelta

    from django.utils import timezone

    later = add.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(1, 2)
    assert run_tasks() == []
    later.refresh()
    assert later.status == TaskResultStatus.READY


def test_run_tasks_leaves_the_signal_handlers_alone(db, run_tasks):
    before = signal.getsignal(signal.SIGINT)
    add.enqueue(1, 2)
    run_tasks()
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.django_db(transaction=True)
def test_run_tasks_in_a_transactional_test(run_tasks):
    Municipality.objects.create(name="Waiblingen", slug="waiblingen", ags="08119079", land="BW")
    result = add.enqueue(4, 4)
    run_tasks()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert Municipality.objects.filter(slug="waiblingen").exists()  # the connection survived the worker


def test_a_task_sends_mail_through_the_real_smtp_server(db, run_tasks, smtp_server):
    send_greeting.enqueue("amt@heidelberg.example")
    assert smtp_server.messages() == []
    run_tasks()
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Grüße aus Heidelberg"
    assert message["X-RcptTo"] == "amt@heidelberg.example"


def test_immediate_tasks_run_at_once(db, immediate_tasks):
    result = add.enqueue(3, 4)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 7
    assert CALLS == [7]
    assert not DBTaskResult.objects.exists()


# --- the setting ------------------------------------------------------------------------------------------


def _tasks_setting(monkeypatch, tmp_path, value: str | None) -> dict:
    monkeypatch.setenv("TEILHABE_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("TEILHABE_SECRET_KEY", "test")
    if value is None:
        monkeypatch.delenv("TEILHABE_TASKS_BACKEND", raising=False)
    else:
        monkeypatch.setenv("TEILHABE_TASKS_BACKEND", value)
    return runpy.run_path(str(SETTINGS_FILE), run_name="settings_probe")["TASKS"]


@pytest.mark.parametrize(("value", "backend"), [
    (None, "django_tasks_db.DatabaseBackend"),
    ("database", "django_tasks_db.DatabaseBackend"),
    ("immediate", "django_tasks.backends.immediate.ImmediateBackend"),
    ("django_tasks.backends.dummy.DummyBackend", "django_tasks.backends.dummy.DummyBackend"),
])
def test_the_backend_comes_from_the_environment(monkeypatch, tmp_path, value, backend):
    assert _tasks_setting(monkeypatch, tmp_path, value) == {"default": {"BACKEND": backend}}


def test_an_unknown_backend_name_is_refused(monkeypatch, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="TEILHABE_TASKS_BACKEND='sofort'"):
        _tasks_setting(monkeypatch, tmp_path, "sofort")
