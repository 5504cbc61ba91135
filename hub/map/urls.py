from django.urls import path

from . import views

app_name = "map"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("features.geojson", views.features_geojson, name="features"),
]
