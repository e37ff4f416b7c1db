"""English dates as the pages showed them before: a day in running text is
"6 December 2026"."""

DATE_FORMAT = "j F Y"
