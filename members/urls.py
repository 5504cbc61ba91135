from django.urls import path

from members.views import WelcomeView

urlpatterns = [path("<uidb64>/<token>/", WelcomeView.as_view(), name="members_welcome")]
