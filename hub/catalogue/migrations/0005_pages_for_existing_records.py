"""A live page for every method and theme record that exists, under its locale's catalogue index.

Historical models have no treebeard methods, so the tree fields (path, depth, numchild, url_path)
are computed here as Wagtail's own data migrations do (wagtailcore 0002_initial_data). Pages of
translated records share a page translation_key derived from the record's, so they are
translations of each other; each index gets a key derived from its home page's. Records whose
locale has no home page, and records that already have a page in their locale, are left alone.
"""

import uuid

from django.db import migrations
from django.utils import timezone

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# uuid5 namespace of the catalogue's derived translation keys.
NAMESPACE = uuid.UUID("5d1f3c52-9f0e-4f55-9b2f-3c0a6f0f7a11")

KINDS = [
    # (record model, index model, entry model, index slug, index title)
    ("Method", "MethodIndexPage", "MethodPage", "methods", "Methods"),
    ("Theme", "ThemeIndexPage", "ThemePage", "themes", "Themes"),
]


def derived_key(*parts):
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts))


def encode(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def decode(step):
    return int(step, len(ALPHABET))


def free_slug(Page, parent, slug):
    """`slug`, or `slug-2`, `slug-3`... when a sibling already has it (Wagtail's slugs are unique per parent)."""
    siblings = set(
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).values_list("slug", flat=True)
    )
    candidate, number = slug, 1
    while candidate in siblings:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def add_child(Page, parent, model, content_type, **fields):
    """Create a live `model` page as the last child of `parent`, with its tree fields computed."""
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    step = decode(last.path[-STEPLEN:]) + 1 if last else 1
    now = timezone.now()
    slug = free_slug(Page, parent, fields.pop("slug"))
    page = model.objects.create(
        path=parent.path + encode(step),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        slug=slug,
        content_type=content_type,
        draft_title=fields["title"],
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


def create_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("hub", "HomePage")
    homes = {home.locale_id: home for home in HomePage.objects.order_by("path")}
    if not homes:
        return
    for record_name, index_name, entry_name, index_slug, index_title in KINDS:
        Record = apps.get_model("hub", record_name)
        Index = apps.get_model("catalogue", index_name)
        Entry = apps.get_model("catalogue", entry_name)
        index_type, _ = ContentType.objects.get_or_create(app_label="catalogue", model=index_name.lower())
        entry_type, _ = ContentType.objects.get_or_create(app_label="catalogue", model=entry_name.lower())
        record_field = record_name.lower()
        for record in Record.objects.filter(locale_id__in=homes).order_by("locale_id", "name"):
            home = Page.objects.get(pk=homes[record.locale_id].pk)
            if Entry.objects.filter(
                locale_id=record.locale_id, **{f"{record_field}__translation_key": record.translation_key}
            ).exists():
                continue
            index = Index.objects.filter(path__startswith=home.path, depth=home.depth + 1).first()
            if index is None:
                index = add_child(
                    Page,
                    home,
                    Index,
                    index_type,
                    title=index_title,
                    slug=index_slug,
                    locale_id=home.locale_id,
                    translation_key=derived_key(home.translation_key, index_slug),
                    show_in_menus=True,
                )
            add_child(
                Page,
                Page.objects.get(pk=index.pk),
                Entry,
                entry_type,
                title=record.name,
                slug=record.slug,
                locale_id=record.locale_id,
                translation_key=derived_key(record.translation_key),
                summary=record.description[:255],
                **{record_field: record},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_methodpage_themes"),
        ("hub", "0005_taxonomy_alt_labels"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
