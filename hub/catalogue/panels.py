"""Editor panels of the catalogue's entry pages."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.admin.panels import HelpPanel


def source_note(page):
    """ "Imported from …" for an imported entry (its source address, else its key), or ""."""
    if not page.source_key and not page.source_url:
        return ""
    if page.source_url:
        source = format_html('<a href="{}" rel="noreferrer">{}</a>', page.source_url, page.source_url)
    else:
        source = page.source_key
    return format_html(
        "{} {}",
        format_html(_("Imported from {source}."), source=source),
        _("Check the text, images and links before approving it."),
    )


class SourcePanel(HelpPanel):
    """Tells the moderator reviewing an imported entry where it came from; hidden on entries written here."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = source_note(self.instance) if self.instance is not None else ""

        def is_shown(self):
            return bool(self.content)
