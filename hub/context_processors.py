from django.conf import settings


def hub(request):
    return {"HUB_SITE_NAME": settings.WAGTAIL_SITE_NAME}
