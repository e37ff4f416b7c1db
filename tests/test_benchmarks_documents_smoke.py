"""The documents benchmark's code works: a tiny seed (a few answered comments, a position
of two items), every measurement once, in forks as the real run does, and the printed
table. Nothing here measures time; timing belongs to ``python -m benchmarks.documents``
(``benchmarks/README.md``)."""

from __future__ import annotations

import pytest

from benchmarks import documents as benchmark
from consultations.models import Answer


@pytest.fixture
def subjects(transactional_db, settings, tmp_path):
    # The forks open their own connections: the data must be committed.
    settings.VAR_DIR = tmp_path
    return benchmark.seed_documents(comments=6, provisions=3, items=2)


def test_the_seed_answers_every_comment_and_drafts_the_position(subjects):
    from opinions.models import Position

    assert Answer.objects.filter(comment__consultation_id=subjects.consultation_id).count() == 6
    assert Position.objects.get(pk=subjects.position_id).items.count() == 2


def test_the_floor_is_the_same_content_with_minimal_css(subjects):
    html = benchmark.document_html("consultation_report", subjects.consultation_id)
    floor = benchmark.floor_html(html)
    assert 'class="' not in floor
    assert floor.count("<style>") == 1
    assert benchmark.FLOOR_CSS in floor
    for answer in Answer.objects.filter(comment__consultation_id=subjects.consultation_id):
        assert answer.comment.tracking_number in floor


def test_every_measurement_runs_and_the_table_prints(subjects, capsys, tmp_path):
    results = benchmark.measure(
        subjects, rounds=1, renders=2, signatures=1, signed_pages=2, output_dir=tmp_path
    )

    assert results.report_pages >= 1
    assert results.floor_pages >= 1
    assert results.position_pages >= 1
    assert len(results.signing_seconds) == 1
    assert len(results.worker_mb) == 2
    assert results.report_process_peak_mb > 0
    assert (tmp_path / "documents-floor.html").exists()
    benchmark.print_report(results, subjects, {"cpu": "test"})
    printed = capsys.readouterr().out
    assert "report time / floor" in printed
    assert "worker memory after 2 renders / after 1" in printed
