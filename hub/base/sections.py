"""Page sections contributed by the app that owns their content.

A page of a lower layer (the home page here, a member or chapter page in `members`) shows
content of apps above it (papers, events) without importing them: each app registers a
function under the `hub_page_sections` Wagtail hook in its own `wagtail_hooks.py`, and the
page's template renders what they return with `{% page_sections page %}` (hub_tags).

    @hooks.register("hub_page_sections")
    def member_papers(page, request):
        if isinstance(page, MemberPage):
            return Section("papers", "resources/sections/member_papers.html", {"papers": ...}, order=20)

A hook receives the page being served and the request and returns a `Section`, an iterable of
them, or None when it has nothing for that page. Sections render in `order` (then `key`),
region by region ("main" unless the template asks for another, such as "facts", the side
column of key facts); the hooks run once per page and request whatever the number of regions.
Querysets in the context stay lazy: they run when the section's template reads them, as they
would from `get_context`.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "hub_page_sections"


@dataclass(frozen=True)
class Section:
    """One block of a page, rendered by `template` with `context` plus `page`, `request` and `section`."""

    key: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    region: str = "main"
    heading: str = ""


def sections_for(page, request, region="main"):
    """The sections every app contributes to `page` in `region`, in display order."""
    memo = getattr(request, "_hub_sections", None) if request is not None else None
    if memo is not None and memo[0] is page:
        sections = memo[1]
    else:
        sections = []
        for hook in hooks.get_hooks(HOOK_NAME):
            result = hook(page, request)
            if result is None:
                continue
            sections.extend([result] if isinstance(result, Section) else result)
        sections.sort(key=lambda s: (s.order, s.key))
        if request is not None:
            request._hub_sections = (page, sections)
    return [s for s in sections if s.region == region]
