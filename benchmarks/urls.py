"""The site's URLs plus the floor views the benchmarks compare it with."""

from django.urls import path

from benchmarks import floor
from config.urls import urlpatterns as site_urlpatterns

FLOOR = "bench/floor/consultations/<int:pk>/"

urlpatterns = [
    path(f"{FLOOR}comments/submit/", floor.comment_submit, name="bench-floor-comment-submit"),
    path(f"{FLOOR}comments/", floor.comment_list, name="bench-floor-comment-list"),
    path(FLOOR, floor.consultation_page, name="bench-floor-consultation-page"),
    *site_urlpatterns,
]
