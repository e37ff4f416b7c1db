"""The consultations REST API: consultations, their provisions with comment counts,
comments, answers, the report as open data and the outcome summary: one module each
(``consultations``, ``comments``, ``reports``), their shared bases in ``base``.

Every view is built on ``core.api_base``: a write loads its object through a selector (one
the viewer may not see is a 404), checks the object permissions (403), validates its
input, calls one service, reads the result again and serializes it; every write honours
``Idempotency-Key`` (a retried submission gets the same receipt and changes nothing).
Services check who may act and the clock, and raise domain errors that ``core.api``
renders as ``{"message", "code", "extra"}``.
"""
