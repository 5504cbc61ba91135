"""Methods and themes as pages: the catalogue that gives every method and theme a page of its own.

A `MethodPage` or `ThemePage` *owns* one record of the shared taxonomy (`hub.Method`,
`hub.Theme`): papers, events, search facets and filters keep pointing at the record, and the
record's page is found from it by translation key and locale (`page_for`), so a translated page
may point at the source-language record. What uses a method or theme (papers, events, members,
glossary terms) is shown by the app that owns it, through the `hub_page_sections` hook.

`entries` holds what both catalogues share, `methods` and `themes` the two catalogues,
`reading_lists` the curated collections.
"""

from .entries import CatalogueEntryPage, CatalogueIndexPage
from .methods import MethodIndexPage, MethodKind, MethodPage, MethodPageRelated
from .reading_lists import ReadingListIndexPage, ReadingListItem, ReadingListPage
from .themes import ThemeIndexPage, ThemePage, ThemePageRelated

__all__ = [
    "CatalogueEntryPage",
    "CatalogueIndexPage",
    "MethodIndexPage",
    "MethodKind",
    "MethodPage",
    "MethodPageRelated",
    "ReadingListIndexPage",
    "ReadingListItem",
    "ReadingListPage",
    "ThemeIndexPage",
    "ThemePage",
    "ThemePageRelated",
]
