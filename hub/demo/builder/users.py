"""The dev-only demo logins: the admin and one user per editorial role, passwords in .demo-credentials."""

import os
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from hub.demo import data
from members import roles
from members.onboarding import onboard_chapter, onboard_member


class DemoUsers:
    """Creates the demo logins (a part of `DemoBuilder`); never under production settings."""

    def demo_superuser(self):
        User = get_user_model()
        # A throwaway run (the browser suite) names its own file, leaving the developer's alone.
        credentials = Path(getattr(settings, "HUB_DEMO_CREDENTIALS_FILE", settings.BASE_DIR / ".demo-credentials"))
        # `make run` passes the address it serves on (HOST, PORT); the stored line may name an older one.
        admin_url = f"http://{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}/admin/"
        if User.objects.filter(username="admin").exists():
            if credentials.exists():
                self.stdout.write(re.sub(r"https?://\S+/admin/", admin_url, credentials.read_text()))
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        text = f"Admin login (dev only): {admin_url}  user: admin  password: {password}\n"
        credentials.write_text(text)
        self.stdout.write(text)

    def demo_users(self):
        """demo-member, demo-lead and demo-moderator (dev only); random passwords kept in .demo-credentials."""

        if not getattr(settings, "HUB_CREATE_DEMO_USERS", False):
            return  # never under production settings
        User = get_user_model()
        credentials = Path(getattr(settings, "HUB_DEMO_CREDENTIALS_FILE", settings.BASE_DIR / ".demo-credentials"))
        member = self.members[data.MEMBERS[0]["key"]]
        chapter = self.chapters[data.CHAPTERS[0]["key"]]
        roles_by_user = {
            "demo-member": (f"editor of {member.title}", lambda email: onboard_member(member.title, email)),
            "demo-lead": (f"lead of {chapter.title}", lambda email: onboard_chapter(chapter.title, email)),
            "demo-moderator": ("secretariat moderator", None),
        }
        for username, (role, onboard) in roles_by_user.items():
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            email = f"{username}@example.org"
            User.objects.create_user(username, email, password)
            if onboard is None:
                User.objects.get(username=username).groups.add(Group.objects.get(name=roles.MODERATORS))
            else:
                onboard(email)
            text = f"Demo {role} (dev only): user: {username}  password: {password}\n"
            with credentials.open("a") as file:
                file.write(text)
            self.stdout.write(text)
