"""The benchmark code works: a tiny seed, one request through each floor view and each real
endpoint, the integrity check and the load generator. Nothing here measures time; timing
belongs to ``make bench`` (``benchmarks/README.md``)."""

from __future__ import annotations

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from acts.parsing import parse_text
from benchmarks import client as load
from benchmarks import run, seed
from consultations.models import Comment, CommentStatus, Consultation

pytestmark = pytest.mark.urls("benchmarks.urls")

PROVISIONS = 7
COMMENTS = 12
SUBMITTERS = 2


@pytest.fixture
def seeded(db):
    return seed.seed(
        provisions=PROVISIONS, comments=COMMENTS, submitters=SUBMITTERS, submission_provisions=4
    )


def _submission(seeded, *, number=0, tag="smoke-0-0"):
    submitter = seeded.submitters[number]
    return {
        "provision": seeded.submission_provision_ids[0],
        "organisation": submitter.organisation_id,
        "proposed_wording": "Nowe brzmienie przepisu.",
        "justification": f"{tag} Uzasadnienie.",
        "submit": True,
    }


def _post(client, path, body, token, **headers):
    return client.post(
        path,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        **headers,
    )


@pytest.mark.parametrize("provisions", [1, 2, 3, 4, 300])
def test_generated_act_has_exactly_the_asked_number_of_provisions(provisions):
    assert len(parse_text(seed.act_text(provisions, title="próby")).provisions) == provisions


def test_seed_builds_open_consultations_of_the_asked_size(seeded):
    reading = Consultation.objects.get(pk=seeded.reading_consultation_id)
    assert reading.is_open
    assert reading.version.provisions.count() == PROVISIONS
    assert reading.comments.filter(status=CommentStatus.SUBMITTED).count() == COMMENTS
    assert Consultation.objects.get(pk=seeded.submission_consultation_id).is_open
    assert len(seeded.submitters) == SUBMITTERS


def test_floor_submission_stores_the_comment_it_acknowledges(client, seeded):
    consultation = seeded.floor_consultation_id
    response = _post(
        client,
        f"/bench/floor/consultations/{consultation}/comments/submit/",
        _submission(seeded),
        seeded.submitters[0].token,
    )

    assert response.status_code == 201
    comment = Comment.objects.get(pk=response.json()["id"])
    assert comment.consultation_id == consultation
    assert comment.status == CommentStatus.SUBMITTED
    assert comment.author_id == seeded.submitters[0].user_id


def test_floor_submission_refuses_an_unknown_token(client, seeded):
    response = _post(
        client,
        f"/bench/floor/consultations/{seeded.floor_consultation_id}/comments/submit/",
        _submission(seeded),
        "not-a-token",
    )

    assert response.status_code == 401


def test_api_submission_returns_a_receipt_the_integrity_check_finds(client, seeded):
    consultation = seeded.submission_consultation_id
    response = _post(
        client,
        f"/api/v1/consultations/{consultation}/comments/",
        _submission(seeded, number=1, tag="smoke-1-0"),
        seeded.submitters[1].token,
        HTTP_IDEMPOTENCY_KEY="smoke-1-0",
    )

    assert response.status_code == 201, response.content
    receipt = response.json()
    assert receipt["tracking_number"]
    assert receipt["submitted_at"]
    saved = run.saved_comments(consultation_id=consultation, run_tag="smoke")
    assert saved == [(receipt["id"], "smoke-1-0", True)]


def test_integrity_check_reports_lost_duplicated_and_unacknowledged_comments():
    def sample(tag, ident, status=201):
        return load.Sample(tag, 0.0, 0.01, status, ident, 10)

    result = load.LoadResult(
        samples=[sample("r-0-0", 1), sample("r-0-1", 2), sample("r-0-2", None, status=0)],
        started=0.0,
        finished=1.0,
    )
    intact = run.check_integrity(result, [(1, "r-0-0", True), (2, "r-0-1", True)])
    broken = run.check_integrity(
        result, [(1, "r-0-0", True), (3, "r-0-2", True), (4, "r-0-2", False)]
    )

    assert intact.ok
    assert not broken.ok
    assert broken.lost == [2]
    assert broken.unacknowledged == [3, 4]
    assert broken.duplicated == ["r-0-2"]
    assert broken.incomplete == [4]


def test_page_and_its_floor_show_every_provision(client, seeded):
    consultation = seeded.reading_consultation_id
    page = client.get(f"/consultations/{consultation}/")
    floor = client.get(f"/bench/floor/consultations/{consultation}/")

    assert page.status_code == 200
    assert floor.status_code == 200
    labels = Consultation.objects.get(pk=consultation).version.provisions.values_list(
        "label", flat=True
    )
    for label in labels:
        assert label in page.content.decode()
        assert label in floor.content.decode()


def test_comments_api_and_its_floor_list_the_same_comments(client, seeded):
    consultation = seeded.reading_consultation_id
    query = "?page_size=5"
    api = client.get(f"/api/v1/consultations/{consultation}/comments/{query}")
    floor = client.get(f"/bench/floor/consultations/{consultation}/comments/{query}")

    assert api.status_code == 200
    assert floor.status_code == 200
    assert floor.json()["count"] == api.json()["count"] == COMMENTS
    assert [c["id"] for c in floor.json()["results"]] == [c["id"] for c in api.json()["results"]]
    assert set(floor.json()["results"][0]) == set(api.json()["results"][0])


class _CountingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # one write per answer, as a real server does
    identifiers = itertools.count(1)
    lock = threading.Lock()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        with self.lock:
            identifier = next(self.identifiers)
        body = json.dumps({"id": identifier}).encode()
        self.send_response(201)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_load_generator_records_every_acknowledged_id_and_stops_at_its_bound():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = load.run_load(
            port=server.server_address[1],
            specs=[load.RequestSpec("POST", "/", body='{"tag": "@TAG@"}')],
            clients=3,
            run_tag="local",
            duration=5.0,
            max_requests_per_client=4,
        )
    finally:
        server.shutdown()
        server.server_close()

    assert len(result.samples) == 12
    assert len(result.ok) == 12
    assert len(set(result.acknowledged.values())) == 12
    assert sorted(result.acknowledged) == sorted(
        f"local-{c}-{n}" for c in range(3) for n in range(4)
    )


def test_load_generator_only_targets_the_local_machine():
    with pytest.raises(ValueError, match="only targets"):
        load.run_load(
            port=80,
            specs=[load.RequestSpec("GET", "/")],
            clients=1,
            run_tag="x",
            duration=1,
            host="example.org",
        )
