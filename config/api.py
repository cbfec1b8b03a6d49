"""One router for the whole API: every app's viewsets under /api/v1/."""

from __future__ import annotations

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from articles.api.views import PublisherViewSet
from claims.api.matches import ClaimMatchesView, MatchDecisionView, TextMatchView
from claims.api.views import (
    ArticleViewSet,
    ClaimantViewSet,
    ClaimReviewViewSet,
    ClaimViewSet,
    IngestView,
    NotFoundView,
    RatingViewSet,
    SourceViewSet,
    TransitionViewSet,
)

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("claimants", ClaimantViewSet, basename="claimant")
router.register("sources", SourceViewSet, basename="source")
router.register("ratings", RatingViewSet, basename="rating")
router.register("publishers", PublisherViewSet, basename="publisher")
router.register("transitions", TransitionViewSet, basename="transition")
router.register("claimreview", ClaimReviewViewSet, basename="claimreview")

urlpatterns = [
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("match/", TextMatchView.as_view(), name="match"),
    path("claims/<int:pk>/matches/", ClaimMatchesView.as_view(), name="claim-matches"),
    path(
        "matches/<int:pk>/confirm/",
        MatchDecisionView.as_view(decision="confirm"),
        name="match-confirm",
    ),
    path(
        "matches/<int:pk>/reject/",
        MatchDecisionView.as_view(decision="reject"),
        name="match-reject",
    ),
    *router.urls,
    # Anything else under /api/v1/ is a 404 in the API's error shape, not Django's HTML page.
    re_path(r"^[\s\S]*$", NotFoundView.as_view()),
]
