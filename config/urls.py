from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, reverse_lazy
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

admin.site.site_header = "Claimtrack"
admin.site.site_title = "Claimtrack"
admin.site.index_title = "Fact-checking desk"
# "View site": the public fact-checks.
admin.site.site_url = reverse_lazy("factchecks:index")


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and compose; touches nothing, so it is also the ceiling
    benchmarks/api_load.py measures the API against."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("fact-checks/", include("claims.factchecks.urls")),
    path("api/v1/", include("config.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's set-up script as a file: no inline script for the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="api/redoc.html"),
        name="api-redoc",
    ),
]
