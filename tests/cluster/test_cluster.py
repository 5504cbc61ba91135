"""Two app servers, one task worker, one PostgreSQL, search engine, Redis and object store
(issue 21). `make test-cluster`; the fixture is in conftest.py, the phases' figures go to
bench/cluster.json (CLUSTER_OUT) and the log."""

import hashlib
import json
import os
import re
import secrets
import subprocess
import threading
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from resources.tests.test_importer import SECTIONED
from tools.soak import load

from .conftest import AXES_FAILURE_LIMIT, REPO

pytestmark = pytest.mark.cluster

VISIBLE_WITHIN = 2.0  # seconds from a publish on one server to the page on the other
PHASE_SECONDS = float(os.environ.get("CLUSTER_PHASE_SECONDS", "5"))
STORE_DOWN_MESSAGE = "cannot reach its file store"
RESULTS = {}


def wait_for(check, within, step=0.1):
    """Call check() until it returns something truthy; (value, seconds taken) or (None, within)."""
    started = time.monotonic()
    while True:
        value = check()
        elapsed = time.monotonic() - started
        if value or elapsed > within:
            return value, round(elapsed, 3)
        time.sleep(step)


def a_pdf():
    return b"%PDF-1.4\n% cluster test\n" + secrets.token_hex(20000).encode() + b"\n%%EOF\n"


def upload(editor, title, data):
    fields = [(name, value) for name, value in editor.form("/admin/documents/add/", "form[enctype]") if name != "title"]
    return editor.post(
        "/admin/documents/add/", [*fields, ("title", title)], files={"file": (f"{title}.pdf", data, "application/pdf")}
    )


def documents_titled(cluster, title):
    return cluster.query("SELECT id, file FROM wagtaildocs_document WHERE title = %s", title)


def s3():
    import boto3

    return boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name="us-east-1")


def objects_named(cluster, fragment):
    listing = s3().list_objects_v2(Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"], Prefix=cluster.env["AWS_LOCATION"])
    return [item["Key"] for item in listing.get("Contents", []) if fragment in item["Key"]]


def listed(client, path, title):
    response = client.get(path)
    return response if response.status == 200 and title in response.text else None


def test_publish_on_a_is_served_by_b_and_unpublish_on_b_reaches_a(cluster):
    a, b = cluster.client("a"), cluster.client("b")
    editor = cluster.client("a")
    assert editor.sign_in("editor", cluster.password).status == 302
    title, page_id = cluster.draft_title, cluster.seeded["draft_id"]
    page, library = cluster.seeded["draft_path"], cluster.seeded["library_path"]
    search = f"/en/search/?q={title.replace(' ', '+')}"

    # Both servers have the library cached without the draft, which neither serves.
    for server in (a, b):
        server.get(library)
        assert server.get(library).headers.get("x-cache") == "hit"
        assert title not in server.get(library).text
        assert server.get(page).status == 404
        assert f'href="{page}"' not in server.get(search).text

    pdf = a_pdf()
    response = upload(editor, f"cluster-{cluster.run_id}", pdf)
    assert response.status == 302, response.text[:2000]
    ((document_id, file_name),) = documents_titled(cluster, f"cluster-{cluster.run_id}")
    assert objects_named(cluster, Path(file_name).name), "the PDF is not in the object store"
    assert not any(Path(cluster.env["MEDIA_ROOT"]).rglob("*.pdf")), "the PDF went to the local disk"

    # The editor attaches it to the draft and publishes, on server A, through the admin's edit form.
    edit = f"/admin/pages/{page_id}/edit/"
    fields = [(k, v) for k, v in editor.form(edit, "form#page-edit-form") if not k.startswith("attachments-")]
    fields += [
        ("attachments-TOTAL_FORMS", "1"),
        ("attachments-INITIAL_FORMS", "0"),
        ("attachments-MIN_NUM_FORMS", "0"),
        ("attachments-MAX_NUM_FORMS", "1000"),
        ("attachments-0-document", str(document_id)),
        ("attachments-0-title", ""),
        ("attachments-0-id", ""),
        ("attachments-0-ORDER", "1"),
        ("action-publish", "action-publish"),
    ]
    # The body's StreamField is drawn by the admin's JavaScript, which sends its block count.
    if not any(name == "body-count" for name, _ in fields):
        fields.append(("body-count", "0"))
    response = editor.post(edit, fields)
    assert response.status == 302, BeautifulSoup(response.body, "html.parser").get_text(" ", strip=True)[:3000]

    served, seconds = wait_for(lambda: (r := b.get(page)).status == 200 and r, VISIBLE_WITHIN)
    assert served, f"B did not serve the published page within {VISIBLE_WITHIN} s"
    assert served.headers.get("x-cache") == "miss", "B answered from a stale cached copy"
    assert b.get(page).headers.get("x-cache") == "hit", "B did not cache the page"
    in_listing, listing_seconds = wait_for(lambda: listed(b, library, title), VISIBLE_WITHIN)
    assert in_listing, "B's library does not list the paper"
    # The results page repeats the query: the paper is found when its link is there.
    found, search_seconds = wait_for(lambda: listed(b, search, f'href="{page}"'), VISIBLE_WITHIN, step=0.25)
    assert found, "B's search does not find the paper"
    link = next(
        a_["href"] for a_ in BeautifulSoup(served.body, "html.parser").find_all("a", href=True)
        if a_["href"].startswith("/documents/")
    )  # fmt: skip
    download = b.get(link)
    assert download.status == 200
    assert hashlib.sha256(download.body).hexdigest() == hashlib.sha256(pdf).hexdigest()
    RESULTS["publish_on_a"] = {
        "page_on_b_s": seconds,
        "listing_on_b_s": listing_seconds,
        "search_on_b_s": search_seconds,
        "pdf_sha256_equal": True,
    }

    # A caches the page; the editor unpublishes it on B with the session started on A.
    a.get(page)
    assert a.get(page).headers.get("x-cache") == "hit"
    on_b = cluster.client("b")
    on_b.cookies = dict(editor.cookies)
    unpublish = f"/admin/pages/{page_id}/unpublish/"
    response = on_b.post(unpublish, [(k, v) for k, v in on_b.form(unpublish, "main form") if k])
    assert response.status == 302, response.text[:2000]
    gone, gone_seconds = wait_for(lambda: a.get(page).status == 404, VISIBLE_WITHIN)
    assert gone, "A still serves the unpublished page (stale cache)"
    assert title not in a.get(library).text
    unlisted, unsearch_seconds = wait_for(lambda: page not in a.get(search).text, VISIBLE_WITHIN, step=0.25)
    assert unlisted, "A's search still finds the unpublished paper"
    RESULTS["unpublish_on_b"] = {"gone_on_a_s": gone_seconds, "search_on_a_s": unsearch_seconds}


def test_an_import_queued_on_a_is_run_by_the_worker_and_served_by_b(cluster):
    editor, b = cluster.client("a"), cluster.client("b")
    assert editor.sign_in("editor", cluster.password).status == 302
    title = f"Village water committees {cluster.run_id}"
    record = SECTIONED.replace("# Village water committees", f"# {title}").replace("water-committees-2022", title)
    fields = [
        (k, v) for k, v in editor.form("/admin/import-papers/", "form[enctype]") if k not in ("publish", "dry_run")
    ]
    response = editor.post(
        "/admin/import-papers/",
        [*fields, ("publish", "on")],
        files={"files": ("water.md", record.encode(), "text/markdown")},
    )
    assert response.status == 302, response.text[:2000]
    job = int(re.search(r"/jobs/(\d+)/", response.headers["location"]).group(1))
    state, seconds = wait_for(
        lambda: cluster.query("SELECT state FROM resources_importjob WHERE id = %s", job)[0][0] in ("done", "failed"),
        60,
        step=0.5,
    )
    assert state, f"the worker did not run the import within 60 s:\n{cluster.log_tail('worker')}"
    assert cluster.query("SELECT state, error FROM resources_importjob WHERE id = %s", job)[0] == ("done", "")
    listed_on_b, _ = wait_for(lambda: listed(b, cluster.seeded["library_path"], title), VISIBLE_WITHIN)
    assert listed_on_b, "B does not list the paper the worker imported"
    RESULTS["import_by_worker_s"] = seconds


def test_a_session_started_on_a_is_valid_on_b(cluster):
    on_a = cluster.client("a")
    assert on_a.sign_in("editor", cluster.password).status == 302
    on_b = cluster.client("b")
    assert on_b.get("/admin/").status == 302  # signed out: sent to sign in
    on_b.cookies = dict(on_a.cookies)
    response = on_b.get("/admin/")
    assert response.status == 200
    assert "Sign in" not in BeautifulSoup(response.body, "html.parser").title.text


def test_the_lockout_counts_failed_sign_ins_on_both_servers(cluster):
    a, b = cluster.client("a"), cluster.client("b")
    for attempt in range(AXES_FAILURE_LIMIT - 1):
        response = (a if attempt % 2 else b).sign_in("reader", "wrong password")
        assert response.status == 200, f"attempt {attempt + 1} answered {response.status}"
    # The last allowed failure on A locks the account out on B too.
    assert a.sign_in("reader", "wrong password").status == 429
    response = b.sign_in("reader", cluster.password)
    assert response.status == 429, "B let the account sign in after the limit was reached on both servers"


def services(action, name):
    subprocess.run([str(REPO / "services" / f"{action}.sh"), name], check=True, capture_output=True, timeout=120)  # noqa: S603


def soak(cluster, servers, paths):
    """Both (or the named) servers under the soak client's load at once; their figures by server."""
    results = {}

    def run(name):
        results[name] = load(cluster.ports[name], paths, PHASE_SECONDS, clients=4, processes=1)

    threads = [threading.Thread(target=run, args=(name,)) for name in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        name: {key: result[key] for key in ("requests", "errors", "p95_ms", "p50_ms", "rps", "failures")}
        for name, result in results.items()
    }


def no_errors(phase):
    return {name: figures["failures"] for name, figures in phase.items() if figures["errors"]}


def test_faults_under_load(cluster):
    b = cluster.client("b")
    library = cluster.seeded["library_path"]
    candidates = [
        "/en/",
        "/fr/",
        library,
        "/en/search/?q=scorecards",
        "/en/search/?q=village&type=paper",
        "/sitemap.xml",
        "/api/v2/pages/?type=resources.PaperPage",
    ]
    page = re.search(r'href="(/en/papers/[^"]+/)"', b.get(library).text)
    paths = [p for p in candidates + ([page.group(1)] if page else []) if b.get(p).status == 200]
    assert len(paths) >= 6, paths
    phases = RESULTS.setdefault("phases", {})

    phases["both servers up"] = soak(cluster, ("a", "b"), paths)
    assert not no_errors(phases["both servers up"])

    # Redis stopped: pages served uncached, no errors; the cache comes back with Redis.
    services("stop", "redis")
    try:
        phases["redis stopped"] = soak(cluster, ("a", "b"), paths)
        assert not no_errors(phases["redis stopped"])
        assert [b.get(library).headers.get("x-cache") for _ in range(2)] == ["miss", "miss"]
    finally:
        services("start", "redis")
    phases["redis back"] = soak(cluster, ("a", "b"), paths)
    assert not no_errors(phases["redis back"])
    cached, _ = wait_for(lambda: b.get(library).headers.get("x-cache") == "hit", 5, step=0.5)
    assert cached, "the page cache did not recover when Redis came back"

    # Object store stopped: pages served; downloads and uploads answer 503 and save nothing.
    editor = cluster.client("a")
    assert editor.sign_in("editor", cluster.password).status == 302
    kept = f"kept-{cluster.run_id}"
    assert upload(editor, kept, a_pdf()).status == 302
    ((document_id, file_name),) = documents_titled(cluster, kept)
    download = f"/documents/{document_id}/{Path(file_name).name}"
    assert b.get(download).status == 200
    services("stop", "s3")
    restart = threading.Thread(target=services, args=("start", "s3"))
    try:
        phases["object store stopped"] = soak(cluster, ("a", "b"), paths)
        assert not no_errors(phases["object store stopped"])
        response = b.get(download)
        assert response.status == 503
        assert STORE_DOWN_MESSAGE in response.text
        lost = f"lost-{cluster.run_id}"
        response = upload(editor, lost, a_pdf())
        assert response.status == 503
        assert STORE_DOWN_MESSAGE in response.text
        assert documents_titled(cluster, lost) == [], "a failed upload left a document behind"
    finally:
        restart.start()

    # One app server killed: the other keeps answering.
    cluster.kill("a")
    phases["server A killed"] = soak(cluster, ("b",), paths)
    assert not no_errors(phases["server A killed"])

    restart.join()
    assert cluster.processes["worker"].poll() is None, "the task worker died:\n" + cluster.log_tail("worker")
    assert not objects_named(cluster, lost), "a failed upload left a file in the object store"
    assert b.get(download).status == 200, "downloads did not come back with the object store"

    RESULTS["setup_seconds"] = cluster.setup_seconds
    RESULTS["phase_seconds"] = PHASE_SECONDS
    out = Path(os.environ.get("CLUSTER_OUT", REPO / "bench" / "cluster.json"))
    out.write_text(json.dumps(RESULTS, indent=2) + "\n")
    summary = {
        phase: {server: {k: f[k] for k in ("requests", "errors", "p95_ms")} for server, f in figures.items()}
        for phase, figures in phases.items()
    }
    print(json.dumps(summary, indent=1))  # noqa: T201
