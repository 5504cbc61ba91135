"""How many pages use each method or theme, counted by the app that owns those pages.

The catalogue shows "12 papers" against each entry without importing the papers' app: an app
registers a function under the `hub_catalogue_usage` hook that takes the record model
(`hub.Method` or `hub.Theme`) and a locale and returns a `Usage` (or None), whose counts are
keyed by the record's translation_key, so that a page pointing at the French record and one
pointing at the English record count for the same entry. One aggregate query per hook.

    @hooks.register("hub_catalogue_usage")
    def paper_usage(record_model, locale):
        return Usage("papers", paper_counts(record_model, locale), ngettext_lazy(...), order=10)
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "hub_catalogue_usage"


@dataclass(frozen=True)
class Usage:
    """Counts of one kind of page per record translation_key, and how to say "n of them"."""

    key: str
    counts: dict = field(default_factory=dict)
    # ngettext_lazy("%(count)s paper", "%(count)s papers", "count"): each language's plural rule applies.
    label: object = "%(count)s"
    order: int = 100

    def text(self, n):
        return self.label % {"count": n}


def usages_for(record_model, locale):
    """Every registered Usage for `record_model` in `locale`, in display order."""
    found = []
    for hook in hooks.get_hooks(HOOK_NAME):
        usage = hook(record_model, locale)
        if usage is not None:
            found.append(usage)
    return sorted(found, key=lambda usage: (usage.order, usage.key))
