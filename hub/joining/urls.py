from django.urls import path

from . import views

app_name = "joining"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("answer/<str:token>/", views.answer, name="answer"),
    path("chapter/<int:page_id>/", views.join_chapter, name="join_chapter"),
    path("contact/<int:page_id>/", views.contact, name="contact"),
]
