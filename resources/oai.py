"""OAI-PMH 2.0 endpoint for papers at /oai/, for aggregators (BASE, CORE, OpenAIRE) to harvest.

Protocol: the `oaipmh` library (the maintained ETH Library fork of infrae's pyoai) parses and
checks arguments, dispatches verbs, writes the envelope and the error elements. This module
gives it the repository: records, sets, and stateless resumption tokens signed with Django's
signing (pyoai's own tokens are an unsigned query string and page by offset; ours page by primary
key, so a harvest never skips or repeats a paper published or withdrawn meanwhile).

Records: every live, public paper page, one record per language version (a translation is its
own page with its own title and abstract). Identifier `oai:<host>:paper/<page id>`; datestamp
the last publication (UTC, seconds). `dc:language` gives the record's language and the paper's
own, when they differ. Sets: `type:<document type>`, `theme:<slug>`, `org:<member page slug>`.
Papers unpublished or deleted become deleted records (resources.PaperWithdrawal, written by
resources/signals.py); `deletedRecord` is `transient` because a paper hidden by a view
restriction simply drops out of the lists.
"""

import datetime
import re

from django.conf import settings
from django.core import signing
from django.db.models import Min, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from lxml.etree import SubElement
from oaipmh import common, error
from oaipmh.datestamp import datetime_to_datestamp
from oaipmh.metadata import MetadataRegistry
from oaipmh.server import NS_DC, NS_OAIDC, NS_XSI, ServerBase, XMLTreeServer, nsdc, nsoai, nsoaidc

from hub.base.models import Theme
from members.models import MemberPage

from .models import PaperPage, PaperWithdrawal

VERBS = {"Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord"}
DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")
# Characters XML 1.0 cannot carry: an argument holding one cannot be echoed, so it is refused.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EMAIL = re.compile(r"^\S+@(\S+\.)+\S+$")
# What a setSpec part may hold; a Unicode slug cannot be a set.
SET_PART = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
SIGNING_SALT = "resources.oai.resumption"
OAI_DC = (
    "oai_dc",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc/",
)
DC_FIELDS = ["title", "creator", "subject", "description", "publisher", "date", "type", "format"]
DC_FIELDS += ["identifier", "language", "coverage", "rights"]


def page_size():
    return settings.OAI_PAGE_SIZE


def paper_set_specs(paper):
    """The OAI sets a paper belongs to (reads its themes and organisations: prefetch them)."""
    specs = [f"type:{paper.document_type}"]
    specs += sorted(f"theme:{theme.slug}" for theme in paper.themes.all() if SET_PART.match(theme.slug))
    specs += sorted({f"org:{org.slug}" for org in paper.organisations.all() if SET_PART.match(org.slug)})
    return specs


def _naive_utc(value):
    return timezone.make_naive(value, datetime.UTC).replace(microsecond=0)


def _aware(value):
    return value.replace(tzinfo=datetime.UTC)


class _Identify(common.Identify):
    """Identify whose earliest datestamp is only looked up for the Identify verb (pyoai asks for
    the base URL of every response)."""

    def __init__(self, earliest, **kwargs):
        super().__init__(earliestDatestamp=None, **kwargs)
        self._earliest = earliest

    def earliestDatestamp(self):
        return self._earliest()


class _Page:
    """One page of a list: its items, the query they answer, and the next token."""

    def __init__(self, items, query, token, cursor, resumed):
        self.items, self.query, self.token, self.cursor, self.resumed = items, query, token, cursor, resumed


class _TreeServer(XMLTreeServer):
    def _outputResuming(self, element, input_func, output_func, kw):
        page = input_func(**kw)
        if not page.items and not page.resumed:
            raise error.NoRecordsMatchError("No records match the request.")
        output_func(element, page.items, page.query)
        # An incomplete list ends with a token; its last part with an empty one (spec 3.5).
        if page.token or page.resumed:
            token = SubElement(element, nsoai("resumptionToken"))
            token.set("cursor", str(page.cursor))
            token.text = page.token or None


def _write_oai_dc(element, metadata):
    # pyoai's writer pairs the oai_dc schema with the dc namespace in xsi:schemaLocation.
    dc = SubElement(element, nsoaidc("dc"), nsmap={"oai_dc": NS_OAIDC, "dc": NS_DC, "xsi": NS_XSI})
    dc.set(f"{{{NS_XSI}}}schemaLocation", f"{NS_OAIDC} {OAI_DC[1]}")
    fields = metadata.getMap()
    for name in DC_FIELDS:
        for value in fields.get(name, []):
            SubElement(dc, nsdc(name)).text = value


class Repository(common.ResumptionOAIPMH):
    """The papers, as pyoai's server interface wants them (one instance per request)."""

    def __init__(self, request):
        self.request = request
        self.base_url = request.build_absolute_uri(reverse("oai"))
        self.host = request.get_host().split(":")[0]

    # --- identifiers and records

    def identifier(self, page_id):
        return f"oai:{self.host}:paper/{page_id}"

    def page_id(self, identifier):
        prefix = f"oai:{self.host}:paper/"
        local = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
        if not local.isdigit():
            raise error.IdDoesNotExistError(f"No such item: {identifier}")
        return int(local)

    def live_papers(self):
        return (
            PaperPage.objects.live()
            .public()
            .annotate(oai_datestamp=Coalesce("last_published_at", "first_published_at", "latest_revision_created_at"))
        )

    def with_metadata(self, papers):
        publishers = MemberPage.objects.live().public().order_by("title")
        return papers.select_related("locale").prefetch_related(
            "themes", "methods", "authors__person", Prefetch("organisations", queryset=publishers)
        )

    def header(self, paper):
        datestamp = paper.oai_datestamp or timezone.now()
        return common.Header(None, self.identifier(paper.pk), _naive_utc(datestamp), paper_set_specs(paper), False)

    def deleted_header(self, withdrawal):
        return common.Header(
            None,
            self.identifier(withdrawal.page_id),
            _naive_utc(withdrawal.withdrawn_at),
            withdrawal.set_spec_list,
            True,
        )

    def metadata(self, paper):
        people = [author.person.name for author in paper.authors.all()]
        organisations = [organisation.title for organisation in paper.organisations.all()]
        languages = [paper.locale.language_code]
        if paper.language not in ("other", paper.locale.language_code):
            languages.append(paper.language)
        with translation.override(paper.locale.language_code):
            fields = {
                "title": [paper.title],
                "creator": people or organisations,
                "subject": [theme.name for theme in paper.themes.all()] + [m.name for m in paper.methods.all()],
                "description": [paper.abstract],
                "publisher": organisations,
                "date": [paper.publication_date.isoformat()],
                "type": ["Text", str(paper.get_document_type_display())],
                "format": ["text/html"],
                "identifier": [paper.get_full_url(self.request)] + ([paper.doi_url] if paper.doi else []),
                "language": languages,
                "coverage": [str(country.name) for country in paper.countries],
                "rights": [paper.licence_url or str(paper.get_licence_display())],
            }
        return common.Metadata(None, fields)

    # --- the verbs

    def identify(self):
        return _Identify(
            self.earliest,
            repositoryName=settings.WAGTAIL_SITE_NAME,
            baseURL=self.base_url,
            protocolVersion="2.0",
            adminEmails=[self.admin_email()],
            deletedRecord="transient",
            granularity="YYYY-MM-DDThh:mm:ssZ",
            compression=["identity"],
            toolkit_description=False,
        )

    def admin_email(self):
        email = getattr(settings, "OAI_ADMIN_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
        # The schema wants a dotted domain; Django's default (webmaster@localhost) has none.
        return email if EMAIL.match(email) else f"{email.partition('@')[0]}@localhost.localdomain"

    def earliest(self):
        dates = [
            self.live_papers().aggregate(earliest=Min("oai_datestamp"))["earliest"],
            PaperWithdrawal.objects.aggregate(earliest=Min("withdrawn_at"))["earliest"],
        ]
        dates = [date for date in dates if date]
        return _naive_utc(min(dates)) if dates else datetime.datetime(2020, 1, 1)

    def listMetadataFormats(self, identifier=None):
        if identifier is not None:
            page_id = self.page_id(identifier)
            exists = self.live_papers().filter(pk=page_id).exists()
            if not exists and not PaperWithdrawal.objects.filter(page_id=page_id).exists():
                raise error.IdDoesNotExistError(f"No such item: {identifier}")
        return [OAI_DC]

    def listSets(self, resumptionToken=None):
        if resumptionToken is not None:
            raise error.BadResumptionTokenError("ListSets is never split, so no token is valid for it.")
        # A setSpec is a path: "type:report" lies in "type", which holds every paper with a type.
        sets = [("type", "Document type", None)]
        sets += [(f"type:{value}", str(label), None) for value, label in PaperPage.DOCUMENT_TYPES]
        sets.append(("theme", "Theme", None))
        themes = Theme.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("slug")
        sets += [(f"theme:{theme.slug}", theme.name, None) for theme in themes if SET_PART.match(theme.slug)]
        sets.append(("org", "Publishing organisation", None))
        organisations = {}
        for slug, title in MemberPage.objects.live().public().order_by("slug", "pk").values_list("slug", "title"):
            if SET_PART.match(slug):
                organisations.setdefault(slug, title)
        sets += [(f"org:{slug}", title, None) for slug, title in organisations.items()]
        return _Page(sets, {}, None, 0, False)

    def getRecord(self, identifier, metadataPrefix):
        self.check_prefix(metadataPrefix)
        page_id = self.page_id(identifier)
        paper = self.with_metadata(self.live_papers().filter(pk=page_id)).first()
        if paper is not None:
            return self.header(paper), self.metadata(paper), None
        withdrawal = PaperWithdrawal.objects.filter(page_id=page_id).first()
        if withdrawal is None:
            raise error.IdDoesNotExistError(f"No such item: {identifier}")
        return self.deleted_header(withdrawal), None, None

    def listIdentifiers(self, **kw):
        return self.list_page("ListIdentifiers", kw, lambda paper: self.header(paper), self.deleted_header)

    def listRecords(self, **kw):
        return self.list_page(
            "ListRecords",
            kw,
            lambda paper: (self.header(paper), self.metadata(paper), None),
            lambda withdrawal: (self.deleted_header(withdrawal), None, None),
        )

    # --- lists and their tokens

    def check_prefix(self, prefix):
        if prefix != OAI_DC[0]:
            raise error.CannotDisseminateFormatError(f"Unknown metadata format: {prefix}")

    def list_page(self, verb, kw, live_item, deleted_item):
        token = kw.pop("resumptionToken", None)
        if token is None:
            query = {key: value for key, value in kw.items() if value is not None}
            for key in ("from_", "until"):
                if key in query:
                    query[key] = datetime_to_datestamp(query[key])
            self.check_prefix(query["metadataPrefix"])
            if "from_" in query and "until" in query and query["from_"] > query["until"]:
                raise error.BadArgumentError("from is later than until.")
            phase, after, cursor = "live", 0, 0
        else:
            try:
                state = signing.loads(token, salt=SIGNING_SALT)
            except signing.BadSignature as exc:
                raise error.BadResumptionTokenError("The resumption token is invalid.") from exc
            if state.get("verb") != verb:
                raise error.BadResumptionTokenError(f"The resumption token is not one for {verb}.")
            query, (phase, after), cursor = state["query"], state["after"], state["cursor"]

        size = page_size()
        items, next_after = [], None
        if phase == "live":
            papers = list(
                self.with_metadata(self.filter(self.live_papers(), query))
                .filter(pk__gt=after)
                .order_by("pk")[: size + 1]
            )
            items = [live_item(paper) for paper in papers[:size]]
            if len(papers) > size:
                next_after = ("live", papers[size - 1].pk)
            phase, after = "deleted", 0
        if next_after is None:
            room = size - len(items)
            withdrawals = list(self.filter_withdrawals(query).filter(page_id__gt=after).order_by("page_id")[: room + 1])
            items += [deleted_item(withdrawal) for withdrawal in withdrawals[:room]]
            if len(withdrawals) > room:
                next_after = ("deleted", withdrawals[room - 1].page_id if room else after)

        next_token = None
        if next_after is not None:
            state = {"verb": verb, "query": query, "after": next_after, "cursor": cursor + len(items)}
            next_token = signing.dumps(state, salt=SIGNING_SALT, compress=True)
        return _Page(items, query, next_token, cursor, token is not None)

    def date_range(self, query, field):
        conditions = Q()
        if "from_" in query:
            conditions &= Q(**{f"{field}__gte": _aware(datetime.datetime.fromisoformat(query["from_"][:-1]))})
        if "until" in query:
            # Seconds granularity: until 12:00:00 includes 12:00:00.9.
            until = _aware(datetime.datetime.fromisoformat(query["until"][:-1])) + datetime.timedelta(seconds=1)
            conditions &= Q(**{f"{field}__lt": until})
        return conditions

    def filter(self, papers, query):
        papers = papers.filter(self.date_range(query, "oai_datestamp"))
        if "set" not in query:
            return papers
        kind, _, value = query["set"].partition(":")
        if kind == "type":
            return papers.filter(document_type=value) if value else papers
        if kind == "theme":
            themes = {"themes__slug": value} if value else {"themes__isnull": False}
            return papers.filter(pk__in=PaperPage.objects.filter(**themes).values("pk"))
        if kind == "org":
            if value:
                keys = MemberPage.objects.filter(slug=value).values("translation_key")
                organisations = {"organisations__translation_key__in": keys}
            else:
                organisations = {"organisations__isnull": False}
            return papers.filter(pk__in=PaperPage.objects.filter(**organisations).values("pk"))
        return papers.none()

    def filter_withdrawals(self, query):
        # A page made live again outside the publishing workflow (a script's save) is not deleted.
        withdrawals = PaperWithdrawal.objects.filter(self.date_range(query, "withdrawn_at")).exclude(
            page_id__in=PaperPage.objects.live().values("pk")
        )
        if "set" in query:
            spec = query["set"]
            withdrawals = withdrawals.filter(Q(set_specs__contains=f" {spec} ") | Q(set_specs__contains=f" {spec}:"))
        return withdrawals


class _Server(ServerBase):
    def __init__(self, request):
        registry = MetadataRegistry()
        registry.registerWriter(OAI_DC[0], _write_oai_dc)
        self._tree_server = _TreeServer(Repository(request), registry)


def _error(server, exception):
    return server.handleException({}, (type(exception), exception, None))


@csrf_exempt
def endpoint(request):
    """GET or POST (form-encoded), as the protocol allows; every error is a 200 with <error>."""
    if request.method not in ("GET", "POST", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    arguments = request.POST if request.method == "POST" else request.GET
    server = _Server(request)
    verbs = arguments.getlist("verb")
    repeated = [key for key in arguments if len(arguments.getlist(key)) > 1]
    dates = [arguments[key] for key in ("from", "until") if key in arguments]
    if len(verbs) != 1 or verbs[0] not in VERBS:
        body = _error(server, error.BadVerbError("The verb argument is missing, repeated or not an OAI-PMH verb."))
    elif any(NOT_XML.search(text) for key in arguments for text in (key, *arguments.getlist(key))):
        body = _error(server, error.BadArgumentError("An argument holds characters that XML cannot carry."))
    elif repeated:
        body = _error(server, error.BadArgumentError(f"Repeated argument: {', '.join(repeated)}."))
    elif any(not DATESTAMP.match(value) for value in dates):
        body = _error(server, error.BadArgumentError("from and until take YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."))
    else:
        body = server.handleRequest({key: arguments[key] for key in arguments})
    response = HttpResponse(body, content_type="text/xml; charset=utf-8")
    add_never_cache_headers(response)
    return response


urlpatterns = [path("", endpoint, name="oai")]
