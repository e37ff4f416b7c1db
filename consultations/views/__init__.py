"""The consultation pages, one module each: the public pages (``reading``: the list, a
consultation with the comments beside its provisions, all comments on one provision, the
report and the summary), the official's editor (``editor``), the NGO's comments and their
moderation (``comments``), the answers and the report's publication (``answers``); what
they share is in ``shared``.

A selector reads, one service call changes (a new comment with its attachments and its
submission is one call of ``comment_create``: a refusal stores nothing). Domain errors are
shown by ``core.views`` (at the form field, or as a message) and a refused form keeps what
the user typed. Anything the viewer may not see is a 404, as in the selectors; a page that
needs an account sends the public to log in.
"""
