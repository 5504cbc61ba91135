"""Meta tags for sharing and search engines: description, canonical URL, OpenGraph, Twitter card, JSON-LD."""

from django import template
from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import get_language, to_locale

from wagtail.models import Page

from hub.base.seo import image_url, json_ld

register = template.Library()

DESCRIPTION_LENGTH = 300


@register.inclusion_tag("components/seo_meta.html", takes_context=True)
def seo_meta(context):
    """The <head> metadata of the page being rendered; views without a page get the site name only."""
    request = context.get("request")
    page = context.get("page")
    meta = {"site_name": settings.WAGTAIL_SITE_NAME, "og_locale": to_locale(get_language() or settings.LANGUAGE_CODE)}
    if not isinstance(page, Page) or not hasattr(page, "structured_data"):
        return meta
    description = Truncator(page.meta_description or "").chars(DESCRIPTION_LENGTH)
    image = page.share_image
    meta.update(
        {
            "page": page,
            "title": page.seo_title or page.title,
            "description": description,
            "social_description": Truncator(page.social_text).chars(DESCRIPTION_LENGTH) or description,
            # An alias repeats its source page: search engines should index the source.
            # A page showing one part of itself (a glossary letter) names that part's URL.
            "canonical_url": context.get("canonical_url")
            or (page.alias_of if page.alias_of_id else page).get_full_url(request),
            "page_url": page.get_full_url(request),
            "og_type": page.og_type,
            "image": image,
            "image_url": image_url(request, image),
            "structured_data": json_ld(page.structured_data(request)),
        }
    )
    return meta
