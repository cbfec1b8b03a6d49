"""One router for the whole API: every app's viewsets under /api/v1/."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import DefaultRouter

from articles.api.views import PublisherViewSet
from claims.api.views import (
    ArticleViewSet,
    ClaimantViewSet,
    ClaimReviewViewSet,
    ClaimViewSet,
    IngestView,
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
    *router.urls,
]
