"""The crosswalk: shared glossary terms against the in-house labels of each member organisation.

Organisations and terms are matched across locales by translation_key, so a label entered on the
English term shows on the French crosswalk against the French translation of the term (or the
English term while nobody has translated it), and likewise for the organisation's page.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from hub.base.i18n import in_locale_or_source, real_translations
from hub.base.memo import public


@dataclass
class Column:
    key: str
    title: str
    slug: str
    page: object


@dataclass
class Row:
    term: object
    cells: list = field(default_factory=list)  # per column: [(label, language), ...]

    @property
    def labels(self):
        """Every label in the row, for a single-organisation view."""
        return [label for cell in self.cells for label in cell]


@dataclass
class Crosswalk:
    columns: list
    rows: list


def _terms(locale, theme_keys=None):
    from .models import GlossaryTermPage

    terms = in_locale_or_source(public(GlossaryTermPage.objects.live()), locale)
    if theme_keys:
        terms = terms.filter(themes__translation_key__in=theme_keys).distinct()
    return list(
        terms.order_by("title")
        .select_related("locale")
        .only("id", "title", "url_path", "path", "depth", "short_definition", "translation_key", "locale")
    )


def crosswalk(locale, organisation_keys=None, theme_keys=None):
    """Terms (rows) against organisations with in-house labels (columns), in `locale`.

    With `organisation_keys` only those organisations are columns and only terms they have a
    label for are rows; with `theme_keys` only terms in those themes are rows.
    """
    from members.models import MemberPage

    from .models import GlossaryVariant

    terms = _terms(locale, theme_keys)
    variants = GlossaryVariant.objects.filter(
        page__translation_key__in=[term.translation_key for term in terms],
        page__live=True,
        page__alias_of__isnull=True,
        organisation__isnull=False,
        organisation__live=True,
    )
    if organisation_keys is not None:
        variants = variants.filter(organisation__translation_key__in=organisation_keys)
    cells = {}
    for label, language, term_key, organisation_key in variants.order_by("page__locale_id", "sort_order").values_list(
        "label", "language", "page__translation_key", "organisation__translation_key"
    ):
        labels = cells.setdefault((term_key, organisation_key), [])
        if (label, language) not in labels:
            labels.append((label, language))
    organisation_keys_used = {organisation_key for _term, organisation_key in cells}
    organisations = (
        in_locale_or_source(public(MemberPage.objects.live()), locale)
        .filter(translation_key__in=organisation_keys_used)
        .order_by("title")
        .only("id", "title", "slug", "url_path", "path", "depth", "translation_key", "locale")
    )
    columns = [Column(org.translation_key, org.title, org.slug, org) for org in organisations]
    rows = []
    for term in terms:
        row = Row(term, [cells.get((term.translation_key, column.key), []) for column in columns])
        if organisation_keys is None or any(row.cells):
            rows.append(row)
    return Crosswalk(columns, rows)


def organisation_choices(locale):
    """Member organisations that have at least one in-house label, in `locale`: [(slug, title)]."""
    from members.models import MemberPage

    from .models import GlossaryVariant

    keys = GlossaryVariant.objects.filter(page__live=True, organisation__isnull=False).values(
        "organisation__translation_key"
    )
    return list(
        in_locale_or_source(public(MemberPage.objects.live()), locale)
        .filter(translation_key__in=keys)
        .order_by("title")
        .values_list("slug", "title")
    )


def theme_choices(locale):
    """Themes given to at least one live glossary term: [(slug, name)] in `locale`."""
    from hub.base.models import Theme

    from .models import GlossaryTermPage

    keys = GlossaryTermPage.objects.live().values("themes__translation_key")
    return list(
        Theme.objects.filter(locale=locale, translation_key__in=keys).order_by("name").values_list("slug", "name")
    )


class FilterError(ValueError):
    pass


def parse_filters(params, locale):
    """(organisation_keys, theme_keys, chosen) from ?organisation=<slug or id>&theme=<slug>.

    Raises FilterError, with a message for the visitor, for an organisation or theme that
    does not exist (or a parameter given twice).
    """
    from hub.base.models import Theme
    from members.models import MemberPage

    chosen = {"organisation": "", "theme": ""}
    organisation_keys = theme_keys = None
    for name in chosen:
        values = params.getlist(name)
        if len(values) > 1:
            raise FilterError(_("Give “%(name)s” once only.") % {"name": name})
        chosen[name] = (values[0] if values else "").strip()[:200]
    if chosen["organisation"]:
        value = chosen["organisation"]
        members = real_translations(public(MemberPage.objects.live()))
        by_id = value.isascii() and value.isdigit() and len(value) <= 9  # isdigit() alone accepts "²"
        members = members.filter(pk=int(value)) if by_id else members.filter(slug=value)
        organisation_keys = list(members.values_list("translation_key", flat=True))
        if not organisation_keys:
            raise FilterError(_("There is no member organisation “%(value)s”.") % {"value": value})
        chosen["organisation"] = members.filter(locale=locale).values_list("slug", flat=True).first() or value
    if chosen["theme"]:
        theme_keys = list(Theme.objects.filter(slug=chosen["theme"]).values_list("translation_key", flat=True))
        if not theme_keys:
            raise FilterError(_("There is no theme “%(value)s”.") % {"value": chosen["theme"]})
    return organisation_keys, theme_keys, chosen


def how_we_say_it_by_member(locale):
    """Every member's own crosswalk row in `locale`, from one crosswalk:
    {member translation_key: [{"title", "url", "language", "labels": [(label, language)]}]}."""
    table = crosswalk(locale)
    rows = {}
    for position, column in enumerate(table.columns):
        rows[column.key] = [
            {
                "title": row.term.title,
                "url": row.term.get_url(),
                "language": row.term.locale.language_code,
                "labels": row.cells[position],
            }
            for row in table.rows
            if row.cells[position]
        ]
    return rows


def how_we_say_it(member):
    """The member's own crosswalk row, cached per locale until the glossary changes."""
    from wagtail.models import Locale

    from .linking import cached

    def compute():
        return how_we_say_it_by_member(Locale.objects.get(pk=member.locale_id))

    return cached(f"how-we-say-it:{member.locale_id}", compute).get(member.translation_key, [])
