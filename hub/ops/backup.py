"""Backups of the database and media, checked before anything is restored.

A backup is a directory holding the database (SQLite through its online backup API, which
copies a consistent snapshot of a live database; PostgreSQL as a pg_dump custom-format
archive), the media files as media.tar.gz, and manifest.json with each file's SHA-256 and
the number of pages, revisions, documents, images and users at backup time.
"""

import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FORMAT = 1
COUNTED_TABLES = {
    "pages": "wagtailcore_page",
    "revisions": "wagtailcore_revision",
    "documents": "wagtaildocs_document",
    "images": "wagtailimages_image",
    "users": "auth_user",
}


def _connection(database):
    """A database alias, or a connection object made outside django.db.connections."""
    return connections[database] if isinstance(database, str) else database


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why."""


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_tool(name):
    """The newest installed PostgreSQL client tool (Debian keeps them in /usr/lib/postgresql/<v>/bin)."""
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[4]))
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _pg_env(settings_dict):
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")
    return result.stdout


def counts(alias="default"):
    with _connection(alias).cursor() as cursor:
        tables = set(_connection(alias).introspection.table_names(cursor))
        result = {}
        for label, table in COUNTED_TABLES.items():
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed table names
                result[label] = cursor.fetchone()[0]
        return result


def _vendor(alias):
    vendor = _connection(alias).vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _media_root():
    return Path(settings.MEDIA_ROOT)


# ------------------------------------------------------------------------------------ backup


def backup(directory, alias="default"):
    """Write a backup of database `alias` and MEDIA_ROOT into `directory` (created; must be empty)."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: give a new directory for each backup")
    directory.mkdir(parents=True, exist_ok=True)
    connection = _connection(alias)
    vendor = _vendor(alias)
    database_file = directory / DATABASE_FILES[vendor]
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(database_file)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        settings_dict = connection.settings_dict
        _run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(database_file),
             "--dbname", settings_dict["NAME"]],
            _pg_env(settings_dict),
        )  # fmt: skip
    media = _media_root()
    with tarfile.open(directory / MEDIA_ARCHIVE, "w:gz") as archive:
        if media.is_dir():
            for path in sorted(media.rglob("*")):
                archive.add(path, arcname=str(path.relative_to(media)), recursive=False)
    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "vendor": vendor,
        "database": database_file.name,
        "counts": counts(alias),
        "media_files": sum(1 for p in media.rglob("*") if p.is_file()) if media.is_dir() else 0,
        "sha256": {name: sha256(directory / name) for name in (database_file.name, MEDIA_ARCHIVE)},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


# ----------------------------------------------------------------------------------- restore


def verify(directory, alias="default"):
    """The manifest of a complete, intact backup for this database's vendor, else BackupError.

    Reads everything and touches nothing: run before any change to the database or media.
    """
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{directory} has no {MANIFEST}: not a backup, or an incomplete one") from error
    except ValueError as error:
        raise BackupError(f"{MANIFEST} is not valid JSON: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    vendor = _vendor(alias)
    if manifest.get("vendor") != vendor:
        raise BackupError(f"this is a {manifest.get('vendor')} backup; the database is {vendor}")
    for name, expected in manifest["sha256"].items():
        path = directory / name
        if not path.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if sha256(path) != expected:
            raise BackupError(f"{name} is corrupt: its SHA-256 differs from the manifest")
    try:
        with tarfile.open(directory / MEDIA_ARCHIVE, "r:gz") as archive:
            for member in archive.getmembers():
                tarfile.data_filter(member, "/nonexistent")  # refuses absolute paths, "..", devices
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{MEDIA_ARCHIVE} cannot be read: {error}") from error
    database_file = directory / manifest["database"]
    if vendor == "sqlite":
        try:
            with sqlite3.connect(f"file:{database_file}?mode=ro", uri=True) as check:
                if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError(f"{database_file.name} fails SQLite's integrity check")
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{database_file.name} is not a SQLite database: {error}") from error
    else:
        _run([pg_tool("pg_restore"), "--list", str(database_file)], os.environ.copy())
    return manifest


def database_is_empty(alias="default"):
    with _connection(alias).cursor() as cursor:
        return not _connection(alias).introspection.table_names(cursor)


def media_is_empty():
    media = _media_root()
    return not media.is_dir() or not any(media.iterdir())


def restore(directory, alias="default", force=False):
    """Restore a backup into database `alias` and MEDIA_ROOT.

    The backup is verified first; the target must be empty (no tables, no media files) unless
    `force`, which replaces what is there.
    """
    directory = Path(directory)
    manifest = verify(directory, alias)
    if not force and not (database_is_empty(alias) and media_is_empty()):
        raise BackupError("the database or media directory is not empty: restore into an empty one, or use --force")
    connection = _connection(alias)
    database_file = directory / manifest["database"]
    if manifest["vendor"] == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(database_file) as source:
            source.backup(connection.connection)
    else:
        settings_dict = connection.settings_dict
        connection.close()
        command = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if force:
            command += ["--clean", "--if-exists"]
        _run([*command, "--dbname", settings_dict["NAME"], str(database_file)], _pg_env(settings_dict))
    _restore_media(directory / MEDIA_ARCHIVE)
    restored = counts(alias)
    if restored != manifest["counts"]:
        raise BackupError(f"restored counts {restored} differ from the backup's {manifest['counts']}")
    return manifest


def _restore_media(archive_path):
    """Unpack into a new directory beside MEDIA_ROOT, then swap it in, so a failure leaves the old media."""
    media = _media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media.parent))
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(staging, filter="data")
    if media.exists():
        old = media.with_name(media.name + ".replaced")
        shutil.rmtree(old, ignore_errors=True)
        media.rename(old)
        staging.rename(media)
        shutil.rmtree(old)
    else:
        staging.rename(media)
