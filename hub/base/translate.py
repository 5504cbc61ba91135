"""Translate demo pages through wagtail-localize, as a translator would with a PO file."""

import re

from wagtail_localize.models import Translation, TranslationSource

BLOCK = re.compile(r"<(p|li|h[1-6])>(.*?)</\1>", re.DOTALL)


def _segments(value):
    """The translatable segments of a rich-text value, in document order."""
    return [inner.strip() for _tag, inner in BLOCK.findall(value)] if BLOCK.search(value) else [value]


def translate_page(page, locale, values, publish=True):
    """Translate `page` (or a translatable snippet) into `locale` from {field: translated text or HTML}.

    Rich-text fields are matched block by block with the source; fields left out keep
    the source text, as wagtail-localize does for segments nobody has translated yet.
    """
    # A fresh copy: a caller's instance may hold tree fields (numchild) from before its
    # children existed, and wagtail-localize would write them back to the translations.
    model = getattr(page, "specific_class", None) or type(page)
    page = model.objects.get(pk=page.pk)
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    po = translation.export_po()
    queues = {field: _segments(text) for field, text in values.items()}
    for entry in po:
        if entry.obsolete or entry.msgctxt not in queues or not queues[entry.msgctxt]:
            continue
        entry.msgstr = queues[entry.msgctxt].pop(0)
    translation.import_po(po)
    translation.save_target(publish=publish)
