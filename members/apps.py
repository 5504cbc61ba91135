from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class MembersConfig(AppConfig):
    name = "members"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from members import roles
        from members.models import ChapterPage, MemberIndexPage, MemberPage
        from members.permissions import HubPagePermissionPolicy

        # Every page type: Wagtail's lookup takes the nearest class, and Page comes before its AbstractPage.
        register_permission_policy(Page, HubPagePermissionPolicy(Page))

        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="members_roles")
        for model in (MemberIndexPage, MemberPage, ChapterPage):
            post_save.connect(roles.on_page_created, sender=model, dispatch_uid=f"members_roles_{model.__name__}")
