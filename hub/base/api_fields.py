"""Serializers for the API fields the content models declare (Wagtail API v2, read-only).

Kept apart from hub/api.py, which loads models, so that models can import these at module level.
Every field here says exactly what it outputs: names and codes, never a whole related record.
"""

from rest_framework.fields import Field

from hub.base.memo import public
from hub.base.utils import live_public_pages


class CountryCodeField(Field):
    """A single django-countries value as its ISO 3166-1 alpha-2 code, or null when blank."""

    def to_representation(self, value):
        return value.code or None


class CountryCodesField(Field):
    """A multiple django-countries value as a list of ISO 3166-1 alpha-2 codes."""

    def to_representation(self, value):
        return [country.code for country in value]


class TaxonomyField(Field):
    """Curated vocabulary records (themes, methods, sectors, data sources) as slug and name."""

    def to_representation(self, value):
        return [{"slug": item.slug, "name": item.name} for item in value.all()]


class TaxonomyRecordField(Field):
    """One curated vocabulary record (the method or theme a catalogue page describes) as slug and name."""

    def to_representation(self, value):
        return {"slug": value.slug, "name": value.name}


class SDGField(Field):
    def to_representation(self, value):
        return [{"number": sdg.number, "name": sdg.name} for sdg in value.all()]


class PersonField(Field):
    """A person (author, speaker) as public name, role and ORCID iD; people have no page of their own."""

    def to_representation(self, value):
        return {"name": value.name, "role": value.role, "orcid": value.orcid or None}


class PeopleField(Field):
    def to_representation(self, value):
        return [PersonField().to_representation(person) for person in value.all()]


def page_summary(page, request):
    return {"id": page.pk, "title": page.title, "html_url": page.get_full_url(request)}


class LivePageField(Field):
    """A page chosen in a foreign key, or null when that page is not live and public."""

    def to_representation(self, value):
        page_model = type(value)
        if not public(page_model.objects.filter(pk=value.pk).live()).exists():
            return None
        return page_summary(value, self.context.get("request"))


class LivePagesField(Field):
    """Pages chosen in a many-to-many relation, leaving out drafts and private pages."""

    def to_representation(self, value):
        request = self.context.get("request")
        return [page_summary(page, request) for page in live_public_pages(value)]
