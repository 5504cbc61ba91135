from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class MembersConfig(AppConfig):
    name = "members"

    def ready(self):
        from members import roles
        from members.models import ChapterPage, MemberIndexPage, MemberPage

        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="members_roles")
        for model in (MemberIndexPage, MemberPage, ChapterPage):
            post_save.connect(roles.on_page_created, sender=model, dispatch_uid=f"members_roles_{model.__name__}")
