"""Admin: moderators upload Markdown records and get the same report as `manage.py import_papers`
(or, under "Import methods", methods archives' files and the report of `manage.py import_methods`).

The upload is stored as an `ImportJob` and imported by a background task (resources/tasks.py); the
upload answers with a redirect to the job's page, which shows its progress and then its report.
"""

import base64
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from hub.catalogue.models import MethodIndexPage
from members.roles import is_moderator

from .importer import FileResult, ImportReport, ImportSetupError, default_catalogue, default_parent
from .models import ImportJob, PaperIndexPage
from .tasks import import_papers_job

MAX_FILE_SIZE = 1024 * 1024
# Methods archives' files carry their images: the largest known is 2 MB.
MAX_METHOD_FILE_SIZE = 4 * 1024 * 1024
# Django refuses a request with more files than DATA_UPLOAD_MAX_NUMBER_FILES (100) before any view
# runs; the form promises the same number and explains the refusal (see ImportPapersView.post).
MAX_FILES = settings.DATA_UPLOAD_MAX_NUMBER_FILES or 100
EXTENSIONS = {".md", ".markdown", ".txt"}


def user_can_import(user):
    """Superusers, holders of "Can add paper", and anyone who may add pages to a paper library
    (the Moderators group holds page permissions, not the model permission)."""
    if not user.is_active:
        return False
    if user.is_superuser or user.has_perm("resources.add_paperpage"):
        return True
    return any(page.permissions_for_user(user).can_add_subpage() for page in PaperIndexPage.objects.all())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; Django's FileField takes one (Django 5.2 docs, "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(sorted(EXTENSIONS))}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if not data and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if isinstance(data, list | tuple):
            return [single_clean(item, initial) for item in data]
        return [single_clean(data, initial)]


class ImportPapersForm(forms.Form):
    max_file_size = MAX_FILE_SIZE
    files = MultipleFileField(
        label=_("Records"),
    )
    parent = forms.ModelChoiceField(
        queryset=PaperIndexPage.objects.none(),
        required=False,
        label=_("Paper library"),
        help_text=_("Papers are created here, in its language. Default: the library of the default language."),
    )
    dry_run = forms.BooleanField(
        required=False, label=_("Dry run"), help_text=_("Check the files and show the report; save nothing.")
    )
    publish = forms.BooleanField(
        required=False,
        label=_("Publish"),
        help_text=_("Publish the papers at once instead of submitting them for moderation."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["files"].help_text = _(
            "Up to %(count)d Markdown records (.md, .markdown or .txt) at a time, up to %(size)s each."
        ) % {"count": MAX_FILES, "size": filesizeformat(self.max_file_size)}
        libraries = PaperIndexPage.objects.order_by("path").select_related("locale")
        allowed = [page.pk for page in libraries if page.permissions_for_user(user).can_add_subpage()]
        self.fields["parent"].queryset = libraries.filter(pk__in=allowed)
        self.fields["parent"].label_from_instance = lambda page: f"{page.title} ({page.locale.get_display_name()})"

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(count)d files at a time.") % {"count": MAX_FILES})
        errors = []
        for upload in files:
            if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
                errors.append(_("%(name)s is not a .md, .markdown or .txt file.") % {"name": upload.name})
            elif upload.size > self.max_file_size:
                errors.append(
                    _("%(name)s is larger than %(limit)s.")
                    % {"name": upload.name, "limit": filesizeformat(self.max_file_size)}
                )
        if errors:
            raise forms.ValidationError(errors)
        return files

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get("parent")
        if parent is None and "parent" not in self.errors:
            try:
                parent = default_parent(Locale.get_default())
            except ImportSetupError as error:
                raise forms.ValidationError(str(error)) from None
            if not parent.permissions_for_user(self.user).can_add_subpage():
                raise forms.ValidationError(_("You cannot add papers to %(title)s.") % {"title": parent.title})
            cleaned_data["parent"] = parent
        may_publish = parent is not None and parent.permissions_for_user(self.user).can_publish_subpage()
        if cleaned_data.get("publish") and parent is not None and not may_publish:
            self.add_error("publish", _("You cannot publish papers in %(title)s.") % {"title": parent.title})
        return cleaned_data


class ImportPapersView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportPapersForm
    kind = ImportJob.Kind.PAPERS
    template_name = "resources/admin/import_papers.html"
    page_title = _("Import papers")
    header_icon = "upload"
    success_url = reverse_lazy("import_papers")
    http_method_names = ["get", "post"]

    @staticmethod
    def user_can_import(user):
        return user_can_import(user)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def post(self, request, *args, **kwargs):
        try:
            request.FILES  # noqa: B018 - parsing the upload is what may fail
        except TooManyFilesSent:
            form = self.get_form_class()(data={}, files={}, user=request.user)
            form.is_valid()
            form.errors["files"] = form.error_class([_("At most %(count)d files at a time.") % {"count": MAX_FILES}])
            return self.form_invalid(form)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        jobs = (
            ImportJob.objects.filter(user=self.request.user, kind=self.kind)
            .defer("files", "report")
            .select_related("parent")
        )
        return {**super().get_context_data(**kwargs), "jobs": jobs[:10]}

    def form_valid(self, form):
        data = form.cleaned_data
        files = [
            {"name": upload.name, "data": base64.b64encode(upload.read()).decode("ascii")} for upload in data["files"]
        ]
        job = ImportJob.objects.create(
            user=self.request.user,
            kind=self.kind,
            parent=data["parent"],
            dry_run=data["dry_run"],
            publish=data["publish"],
            files=files,
            total=len(files),
        )
        import_papers_job.enqueue(job.pk)
        return redirect("import_papers_job", job.pk)


def job_report(job):
    """The ImportReport a finished job stored, for the same template as a live one."""
    if not job.report:
        return None
    results = [FileResult(**result) for result in job.report["results"]]
    return ImportReport(dry_run=job.report["dry_run"], results=results)


class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    """One upload's progress, then its report; only its user and moderators may see it (others: 404)."""

    template_name = "resources/admin/import_job.html"
    page_title = _("Import papers")
    header_icon = "upload"
    http_method_names = ["get"]

    def dispatch(self, request, *args, **kwargs):
        self.job = ImportJob.objects.defer("files").select_related("parent").filter(pk=kwargs["pk"]).first()
        methods = self.job is not None and self.job.kind == ImportJob.Kind.METHODS
        if not (user_can_import_methods if methods else user_can_import)(request.user):
            raise PermissionDenied
        if self.job is None or (self.job.user_id != request.user.pk and not is_moderator(request.user)):
            raise Http404
        if methods:
            self.page_title = _("Import methods")
        return super().dispatch(request, *args, **kwargs)

    @property
    def import_url(self):
        methods = self.job.kind == ImportJob.Kind.METHODS
        return reverse_lazy("import_methods" if methods else "import_papers")

    def get_page_subtitle(self):
        return _("Upload of %(date)s") % {"date": self.job.created.strftime("%Y-%m-%d %H:%M")}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.import_url, "label": self.page_title},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "job": self.job,
            "report": job_report(self.job),
            "parent": self.job.parent,
            "import_url": self.import_url,
            "methods": self.job.kind == ImportJob.Kind.METHODS,
        }


# --- Methods ---------------------------------------------------------------------------------


def user_can_import_methods(user):
    """Superusers, holders of "Can add method page", and anyone who may add pages to a methods catalogue."""
    if not user.is_active:
        return False
    if user.is_superuser or user.has_perm("catalogue.add_methodpage"):
        return True
    return any(page.permissions_for_user(user).can_add_subpage() for page in MethodIndexPage.objects.all())


class ImportMethodsForm(ImportPapersForm):
    """The papers form with a methods catalogue instead of a paper library, and larger files."""

    max_file_size = MAX_METHOD_FILE_SIZE
    parent = forms.ModelChoiceField(
        queryset=MethodIndexPage.objects.none(),
        required=False,
        label=_("Methods catalogue"),
        help_text=_("Methods are created here, in its language. Default: the catalogue of the default language."),
    )
    publish = forms.BooleanField(
        required=False,
        label=_("Publish"),
        help_text=_("Publish the methods at once instead of submitting them for moderation."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        catalogues = MethodIndexPage.objects.order_by("path").select_related("locale")
        allowed = [page.pk for page in catalogues if page.permissions_for_user(user).can_add_subpage()]
        self.fields["parent"].queryset = catalogues.filter(pk__in=allowed)
        self.fields["parent"].label_from_instance = lambda page: f"{page.title} ({page.locale.get_display_name()})"

    def clean(self):
        cleaned_data = forms.Form.clean(self)
        parent = cleaned_data.get("parent")
        if parent is None and "parent" not in self.errors:
            try:
                parent = default_catalogue(Locale.get_default())
            except ImportSetupError as error:
                raise forms.ValidationError(str(error)) from None
            if not parent.permissions_for_user(self.user).can_add_subpage():
                raise forms.ValidationError(_("You cannot add methods to %(title)s.") % {"title": parent.title})
            cleaned_data["parent"] = parent
        may_publish = parent is not None and parent.permissions_for_user(self.user).can_publish_subpage()
        if cleaned_data.get("publish") and parent is not None and not may_publish:
            self.add_error("publish", _("You cannot publish methods in %(title)s.") % {"title": parent.title})
        return cleaned_data


class ImportMethodsView(ImportPapersView):
    """Methods archives' files into a methods catalogue, as a background job like the papers' upload."""

    form_class = ImportMethodsForm
    kind = ImportJob.Kind.METHODS
    template_name = "resources/admin/import_methods.html"
    page_title = _("Import methods")
    success_url = reverse_lazy("import_methods")

    @staticmethod
    def user_can_import(user):
        return user_can_import_methods(user)
