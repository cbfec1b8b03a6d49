"""One router for the whole API: every app's viewsets under /api/v1/."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, path, re_path, resolve
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from articles.api.views import PublisherViewSet
from claims.api.articles import ArticleViewSet
from claims.api.claimants import ClaimantViewSet
from claims.api.claimreview import ClaimReviewViewSet
from claims.api.claims import ClaimViewSet
from claims.api.export import ClaimExportView
from claims.api.feeds import FeedViewSet
from claims.api.ingest import IngestView
from claims.api.jobs import IngestJobViewSet
from claims.api.matches import ClaimMatchesView, MatchDecisionView, TextMatchView
from claims.api.ratings import RatingViewSet
from claims.api.sources import SourceViewSet
from claims.api.transitions import TransitionViewSet


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Unknown API paths: a JSON 404, or a redirect when only the trailing slash is missing."""

    permission_classes = [AllowAny]

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and not request.path.endswith("/"):
            try:
                resolve(request.path + "/")
            except Resolver404:
                pass
            else:
                query = request.META.get("QUERY_STRING")
                return HttpResponsePermanentRedirect(
                    request.path + "/" + (f"?{query}" if query else "")
                )
        return super().dispatch(request, *args, **kwargs)

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound(f"No API endpoint at {request.path}.")


router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("claimants", ClaimantViewSet, basename="claimant")
router.register("sources", SourceViewSet, basename="source")
router.register("ratings", RatingViewSet, basename="rating")
router.register("publishers", PublisherViewSet, basename="publisher")
router.register("transitions", TransitionViewSet, basename="transition")
router.register("claimreview", ClaimReviewViewSet, basename="claimreview")
router.register("ingest/jobs", IngestJobViewSet, basename="ingest-job")
router.register("feeds", FeedViewSet, basename="feed")

urlpatterns = [
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("match/", TextMatchView.as_view(), name="match"),
    path("claims/export/", ClaimExportView.as_view(), name="claim-export"),
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
