"""The task convention (``core.tasks``): primary keys only, queued on commit, retried with
backoff on declared errors, claimed once, run twice without harm."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, OrganisationStatus
from core.models import TaskReceipt
from core.tasks import (
    RECEIPTS_KEPT_FOR,
    Task,
    claim,
    claim_once,
    enqueue_on_commit,
    forget_task_receipts,
    ping,
    task,
)
from tests.tasks import run_as_worker

pytestmark = pytest.mark.django_db

calls: list[str] = []


class MailServerDown(ConnectionError):
    pass


@task(name="tests.record")
def record(label: str) -> str:
    calls.append(label)
    return label


@task(name="tests.fails_twice", retry_for=(MailServerDown,))
def fails_twice(label: str) -> str:
    calls.append(label)
    if len(calls) < 3:
        raise MailServerDown(label)
    return label


@task(name="tests.always_down", retry_for=(MailServerDown,), retry_jitter=False)
def always_down() -> None:
    calls.append("try")
    raise MailServerDown("down")


@task(name="tests.bug", retry_for=(MailServerDown,))
def bug() -> None:
    calls.append("try")
    raise KeyError("a bug is not worth a retry")


@task(name="tests.once", once=True, retry_for=(MailServerDown,))
def once(label: str) -> str:
    calls.append(label)
    TaskReceipt.objects.create(key=f"side effect {len(calls)}")
    if label == "fail first" and len(calls) == 1:
        raise MailServerDown(label)
    return label


@pytest.fixture(autouse=True)
def _fresh_calls():
    calls.clear()


# --- Queued on commit, with primary keys --------------------------------------------------


def test_a_task_is_queued_when_the_transaction_commits(worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(record, "after commit")
        assert worker.queued == []
    assert worker.names == ["tests.record"]
    assert worker.run(times=1) == ["after commit"]


def test_a_task_queued_in_a_transaction_that_rolls_back_is_never_queued(
    worker, django_capture_on_commit_callbacks
):
    def change_that_fails() -> None:
        with transaction.atomic():
            record.delay_on_commit("rolled back")
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_that_fails()
    assert worker.queued == []


def test_a_task_is_refused_anything_but_primary_keys_in_the_caller(resident):
    with pytest.raises(TypeError, match="primary keys"):
        enqueue_on_commit(record, resident)
    with pytest.raises(TypeError, match="primary keys"):
        record.delay(label=resident)
    with pytest.raises(TypeError, match="primary keys"):
        record.delay_on_commit(dt.date(2000, 1, 1))


def test_without_a_broker_a_task_runs_inline_at_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(record, "inline")
        assert calls == []
    assert calls == ["inline"]


def test_a_task_that_fails_inline_does_not_fail_the_committed_request(
    django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(always_down)
    assert calls == ["try"]  # inline there is no worker to retry later
    assert "enqueue_on_commit(tests.always_down)" in caplog.text


def test_the_worker_wiring_answers_pong():
    assert run_as_worker(ping) == ["pong", "pong"]


# --- Retries ------------------------------------------------------------------------------


def test_a_declared_error_is_retried_until_the_task_succeeds():
    assert run_as_worker(fails_twice, "mail", times=1) == ["mail"]
    assert calls == ["mail", "mail", "mail"]


def test_the_pauses_between_retries_double_up_to_a_maximum(monkeypatch):
    pauses = []
    original = always_down.retry

    def retry(*args, **kwargs):
        pauses.append(kwargs["countdown"])
        return original(*args, **kwargs)

    monkeypatch.setattr(always_down, "retry", retry)
    with pytest.raises(MailServerDown):
        run_as_worker(always_down, times=1)
    assert pauses[:4] == [5, 10, 20, 40]
    assert max(pauses) <= Task.retry_backoff_max
    assert len(calls) == Task.max_retries + 1


def test_an_error_the_task_does_not_declare_fails_at_once():
    with pytest.raises(KeyError):
        run_as_worker(bug, times=1)
    assert calls == ["try"]


# --- Claims ---------------------------------------------------------------------------------


def test_of_two_workers_claiming_a_row_only_the_first_wins(ngo):
    row = Organisation.objects.filter(pk=ngo.pk)
    verified, rejected = OrganisationStatus.VERIFIED, OrganisationStatus.REJECTED
    assert claim(row, from_status=verified, to_status=rejected, rejection_reason="claimed")
    assert not claim(row, from_status=verified, to_status=rejected, rejection_reason="again")
    ngo.refresh_from_db()
    assert (ngo.status, ngo.rejection_reason) == (rejected, "claimed")


def test_work_without_a_row_is_claimed_once_and_released_by_a_rollback():
    with transaction.atomic():
        assert claim_once("mail 1")
        assert not claim_once("mail 1")

    def send_that_fails() -> None:
        with transaction.atomic():
            assert claim_once("mail 2")
            raise RuntimeError("sending failed")

    with pytest.raises(RuntimeError):
        send_that_fails()
    with transaction.atomic():
        assert claim_once("mail 2")


@pytest.mark.django_db(transaction=True)
def test_a_claim_outside_the_works_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the work's transaction"):
        claim_once("mail")


def test_a_message_delivered_twice_is_done_once():
    assert run_as_worker(once, "mail") == ["mail", None]
    assert calls == ["mail"]
    assert TaskReceipt.objects.filter(key__startswith="side effect").count() == 1


def test_a_failed_attempt_releases_its_claim_and_its_changes_for_the_retry():
    assert run_as_worker(once, "fail first") == ["fail first", None]
    assert calls == ["fail first", "fail first"]
    # The first attempt's change went with its claim; the retry's stays.
    assert list(
        TaskReceipt.objects.filter(key__startswith="side effect").values_list("key", flat=True)
    ) == ["side effect 2"]


def test_called_directly_a_once_task_just_runs():
    assert once("direct") == "direct"
    assert once("direct") == "direct"
    assert calls == ["direct", "direct"]


def test_old_receipts_are_forgotten():
    TaskReceipt.objects.create(key="old")
    with time_machine.travel(timezone.now() + RECEIPTS_KEPT_FOR + dt.timedelta(days=1)):
        TaskReceipt.objects.create(key="new")
        assert run_as_worker(forget_task_receipts) == [1, 0]
    assert list(TaskReceipt.objects.values_list("key", flat=True)) == ["new"]
