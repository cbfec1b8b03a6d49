from django.contrib import admin
from django.urls import path

admin.site.site_header = "Claimtrack"
admin.site.site_title = "Claimtrack"
admin.site.index_title = "Fact-checking desk"

urlpatterns = [
    path("admin/", admin.site.urls),
]
