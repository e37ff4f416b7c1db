"""Polish date formats where Django's differ from what Polish offices write: a day in
running text ends with "r." ("6 grudnia 2026 r."), a short date takes dots ("06.12.2026").
Django's own formats fill in the rest."""

DATE_FORMAT = r"j E Y \r."
SHORT_DATE_FORMAT = "d.m.Y"
