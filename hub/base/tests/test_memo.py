"""hub/base/memo.py: the hub's memoised reads answer as Wagtail's own calls do, and read once per request."""

from django.test import RequestFactory
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction

import pytest

from hub.base.memo import RequestMemoMiddleware, active_locale, default_locale, page_locale, private_q, public


def in_a_request(compute):
    """compute() inside a visitor's GET request, with the request's memo open."""
    return RequestMemoMiddleware(lambda request: compute())(RequestFactory().get("/en/"))


def test_public_pages_are_wagtails_public_pages_with_nested_and_alias_restrictions(tree):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    alias = tree["paper"].copy_for_translation(french, copy_parents=True, alias=True)
    PageViewRestriction.objects.create(page=tree["library"], restriction_type="password", password="a")
    PageViewRestriction.objects.create(page=tree["paper"], restriction_type="login")
    PageViewRestriction.objects.create(page=alias, restriction_type="login")
    PageViewRestriction.objects.create(page=tree["chapter"], restriction_type="login")

    wagtails = set(Page.objects.public().values_list("pk", flat=True))
    assert tree["paper"].pk not in wagtails and tree["event"].pk not in wagtails
    assert set(in_a_request(lambda: public(Page.objects.all()).values_list("pk", flat=True))) == wagtails
    assert set(public(Page.objects.all()).values_list("pk", flat=True)) == wagtails


def test_with_no_restriction_every_page_is_public(tree):
    assert in_a_request(lambda: public(Page.objects.all()).count()) == Page.objects.count()


def test_the_restrictions_are_read_once_per_request(tree, django_assert_num_queries):
    PageViewRestriction.objects.create(page=tree["library"], restriction_type="login")

    def twice():
        with django_assert_num_queries(1):
            return private_q(), private_q()

    first, second = in_a_request(twice)
    assert first == second


@pytest.mark.parametrize("language", ["en", "pt-br", "pt", "de", "fr"])
def test_the_active_and_default_locales_are_wagtails(tree, language):
    Locale.objects.get_or_create(language_code="pt")
    with translation.override(language):
        assert in_a_request(active_locale) == Locale.get_active()
        assert in_a_request(default_locale) == Locale.get_default()
        assert active_locale() == Locale.get_active()


def test_a_pages_locale_is_its_own_without_a_query_once_read(tree, django_assert_num_queries):
    paper = Page.objects.get(pk=tree["paper"].pk)

    def read():
        page_locale(tree["home"])
        with django_assert_num_queries(0):
            return page_locale(paper)

    assert in_a_request(read) == paper.locale
