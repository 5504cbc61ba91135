from django.urls import path

from . import export, views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("api/", views.search_api, name="api"),
    path("export.csv", export.export_csv, name="export"),
    path("autocomplete/", views.autocomplete, name="autocomplete"),
]
