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


def healthz_workers(request: HttpRequest) -> JsonResponse:
    """Background work: is the broker reachable, and how many workers answer a ping? 200 when
    both, 503 otherwise (with the reason). With no broker configured tasks run in-process, and
    this says so (200)."""
    from kombu import Connection

    from config.celery import app

    if app.conf.task_always_eager:
        return JsonResponse({"status": "ok", "mode": "eager", "broker": None, "workers": 0})
    body = {"status": "ok", "mode": "broker", "broker": "reachable", "workers": 0}
    try:
        with Connection(app.conf.broker_url, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # the transport's own errors
        body.update(status="down", broker=f"unreachable ({type(error).__name__})")
        return JsonResponse(body, status=503)
    body["workers"] = len(app.control.ping(timeout=1.0) or [])
    if not body["workers"]:
        body["status"] = "no worker answered a ping"
        return JsonResponse(body, status=503)
    return JsonResponse(body)


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/workers", healthz_workers, name="healthz-workers"),
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
