"""Admin: merging taxonomy records and the "Possible duplicates" report, for moderators.

A "Merge" button on each row of the theme, method, sector and data source listings leads to a
page where the moderator picks the record to keep, sees what will move (a dry run of
hub.base.taxonomy_merge.merge) and confirms. The report lists the pairs hub.base.taxonomy_matching
considers one record, *needs review* first, each with a merge button.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Locale

from hub.base.models import TaxonomyBase
from hub.base.taxonomy_matching import VARIANT, duplicate_pairs
from hub.base.taxonomy_merge import KINDS, LOG_ACTION, MergeError, can_merge, merge


def _kind(model):
    return next(kind for kind, known in KINDS.items() if known is model)


def merge_url(record, into=None):
    url = reverse("taxonomy:merge", args=[_kind(type(record)), record.pk])
    return f"{url}?into={into.pk}" if into is not None else url


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=None,
        label=_("Merge into"),
        help_text=_("The record that is kept; the other one is removed and its names become alternative labels."),
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            type(source).objects.filter(locale_id=source.locale_id).exclude(pk=source.pk).order_by("name")
        )


class MergeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "hub/admin/taxonomy_merge.html"
    header_icon = "resubmit"
    http_method_names = ["get", "post"]

    def dispatch(self, request, kind, pk):
        self.model = KINDS.get(kind)
        if self.model is None:
            raise Http404
        if not can_merge(request.user, self.model):
            raise PermissionDenied
        self.source = self.model.objects.filter(pk=pk).first()
        if self.source is None:
            raise Http404
        return super().dispatch(request)

    def get_page_title(self):
        return _("Merge %(kind)s '%(name)s'") % {"kind": self.model._meta.verbose_name, "name": self.source.name}

    def get_breadcrumbs_items(self):
        listing = reverse(f"wagtailsnippets_hub_{self.model._meta.model_name}:list")
        return self.breadcrumbs_items + [
            {"url": listing, "label": self.model._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request):
        form = MergeForm(request.GET if "into" in request.GET else None, source=self.source)
        return self._render(form, status=400 if form.is_bound and not form.is_valid() else 200)

    def post(self, request):
        form = MergeForm(request.POST, source=self.source)
        if not form.is_valid():
            return self._render(form, status=400)
        target = form.cleaned_data["into"]
        try:
            plan = merge(self.source, target, user=request.user)
        except MergeError as error:
            form.add_error("into", str(error))
            return self._render(form, status=400)
        messages.success(request, _("Merged: %(summary)s.") % {"summary": plan.describe()})
        return redirect(reverse(f"wagtailsnippets_hub_{self.model._meta.model_name}:list"))

    def _render(self, form, status=200):
        plan = None
        if form.is_bound and form.is_valid():
            try:
                plan = merge(self.source, form.cleaned_data["into"], dry_run=True)
            except MergeError as error:
                form.add_error("into", str(error))
                status = 400
        context = self.get_context_data(form=form, source=self.source, plan=plan, kind=self.model._meta.verbose_name)
        return self.render_to_response(context, status=status)


class DuplicatesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "hub/admin/taxonomy_duplicates.html"
    page_title = _("Possible duplicates")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not any(can_merge(request.user, model) for model in KINDS.values()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locales = list(Locale.objects.order_by("pk"))
        code = self.request.GET.get("locale")
        locale = next((loc for loc in locales if loc.language_code == code), None) or Locale.get_default()
        groups = []
        for model in KINDS.values():
            if not can_merge(self.request.user, model):
                continue
            records = model.objects.filter(locale=locale).order_by("pk")
            rows = [
                {"remove": a, "keep": b, "same": how == VARIANT, "url": merge_url(a, into=b)}
                for a, b, how in duplicate_pairs(records)
            ]
            groups.append({"label": model._meta.verbose_name_plural.capitalize(), "rows": rows})
        context.update(groups=groups, locales=locales, locale=locale)
        return context


class TaxonomyMenuItem(MenuItem):
    def is_shown(self, request):
        return any(can_merge(request.user, model) for model in KINDS.values())


class TaxonomyToolsViewSet(ViewSet):
    """The merge page and the duplicates report; its menu item sits in the Taxonomy menu."""

    name = "taxonomy"
    icon = "resubmit"
    menu_label = _("Possible duplicates")

    def get_urlpatterns(self):
        return [
            path("duplicates/", DuplicatesView.as_view(), name="duplicates"),
            path("<str:kind>/<int:pk>/merge/", MergeView.as_view(), name="merge"),
        ]

    def get_menu_item(self, order=None):
        return TaxonomyMenuItem(
            label=self.menu_label,
            url=reverse("taxonomy:duplicates"),
            name="taxonomy-duplicates",
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
        )


@hooks.register("register_snippet_listing_buttons")
def merge_button(snippet, user, next_url=None):
    if isinstance(snippet, TaxonomyBase) and can_merge(user, type(snippet)):
        yield Button(_("Merge into another…"), merge_url(snippet), icon_name="resubmit", priority=60)


@hooks.register("register_log_actions")
def register_merge_action(actions):
    actions.register_action(LOG_ACTION, _("Merge taxonomy records"), _("Merged taxonomy records"))
