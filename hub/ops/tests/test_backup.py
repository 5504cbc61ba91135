"""make backup / make restore: database and media come back exactly; bad backups are refused untouched.

Transactional tests (pg_dump and SQLite's backup API read committed data only), with serialized
rollback so the rows migrations create (root page, collection, locales) are back for the next test.
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connections
from django.db.utils import load_backend

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest

from hub.ops.backup import COUNTED_TABLES, MEDIA_ARCHIVE, BackupError, backup, restore, verify

TABLES = [*COUNTED_TABLES.values(), "wagtailcore_locale", "wagtailcore_site", "hub_theme"]


@pytest.fixture
def content(home, settings, tmp_path):
    from resources.factories import PaperIndexPageFactory, PaperPageFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    library = PaperIndexPageFactory(parent=home)
    paper = PaperPageFactory(parent=library, title="Scorecards")
    paper.save_revision().publish()
    paper.title = "Scorecards, second draft"
    paper.save_revision()
    Document.objects.create(title="Report", file=ContentFile(b"%PDF-1.4 report\n%%EOF\n", name="report.pdf"))
    Image.objects.create(title="Photo", file=get_test_image_file(filename="photo.png"))
    get_user_model().objects.create_user("member", "member@example.org", "a-long-passphrase")
    return paper


def rows(connection):
    with connection.cursor() as cursor:
        result = {}
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY id")  # noqa: S608 - fixed table names
            result[table] = cursor.fetchall()
        return result


def media_files(root):
    root = Path(root)
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


@pytest.fixture
def empty_database(tmp_path):
    """A connection to a second database with no tables, like a new server's."""
    source = connections["default"]
    created = None
    if source.vendor == "sqlite":
        name = str(tmp_path / "restored.sqlite3")
    else:
        name = created = f"cldhub_restore_{os.getpid()}"
        with source.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {created}")
            cursor.execute(f"CREATE DATABASE {created}")
    # Made outside django.db.connections, which the test case limits to the test database.
    restored = load_backend(source.settings_dict["ENGINE"]).DatabaseWrapper(
        {**source.settings_dict, "NAME": name}, alias="restored"
    )
    yield restored
    restored.close()
    if created:
        with source.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {created}")


def round_trip(content, settings, tmp_path, empty_database):
    before_rows, before_media = rows(connections["default"]), media_files(settings.MEDIA_ROOT)
    assert len(before_media) >= 2  # the document and the original image
    manifest = backup(tmp_path / "backup")
    assert manifest["counts"]["revisions"] >= 2
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    restore(tmp_path / "backup", alias=empty_database)
    assert rows(empty_database) == before_rows
    assert media_files(settings.MEDIA_ROOT) == before_media


@pytest.mark.skipif(
    "sqlite" not in django_settings.DATABASES["default"]["ENGINE"], reason="the SQLite round trip runs on SQLite"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sqlite_backup_restores_pages_revisions_documents_images_and_users(content, settings, tmp_path, empty_database):
    round_trip(content, settings, tmp_path, empty_database)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgres_backup_restores_pages_revisions_documents_images_and_users(
    content, settings, tmp_path, empty_database
):
    round_trip(content, settings, tmp_path, empty_database)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_database_that_is_not_empty(content, tmp_path):
    backup(tmp_path / "backup")
    with pytest.raises(BackupError, match="not empty"):
        restore(tmp_path / "backup")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("damage", ["flip a byte in the media", "lose the database file", "lose the manifest"])
def test_a_damaged_backup_is_refused_before_the_database_is_touched(
    content, settings, tmp_path, empty_database, damage
):
    manifest = backup(tmp_path / "backup")
    if damage == "flip a byte in the media":
        archive = tmp_path / "backup" / MEDIA_ARCHIVE
        data = bytearray(archive.read_bytes())
        data[len(data) // 2] ^= 0xFF
        archive.write_bytes(bytes(data))
    elif damage == "lose the database file":
        (tmp_path / "backup" / manifest["database"]).unlink()
    else:
        (tmp_path / "backup" / "manifest.json").unlink()
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    with pytest.raises(BackupError):
        verify(tmp_path / "backup", empty_database)
    with pytest.raises(BackupError):
        restore(tmp_path / "backup", alias=empty_database)
    with empty_database.cursor() as cursor:
        assert empty_database.introspection.table_names(cursor) == []
    assert not Path(settings.MEDIA_ROOT).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_refuses_a_directory_holding_an_earlier_backup(content, tmp_path):
    backup(tmp_path / "backup")
    with pytest.raises(BackupError, match="not empty"):
        backup(tmp_path / "backup")
