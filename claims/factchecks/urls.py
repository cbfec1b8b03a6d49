from django.urls import path

from claims.factchecks import views

app_name = "factchecks"

urlpatterns = [
    path("", views.fact_check_index, name="index"),
    path("<int:pk>-<slug:slug>/", views.fact_check_detail, name="detail"),
    # The id alone (a link typed or cut short) redirects to the page's address, as an old
    # slug does.
    path("<int:pk>/", views.fact_check_detail, name="detail-by-id"),
]
