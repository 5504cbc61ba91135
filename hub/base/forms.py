"""The admin form every page type of the hub uses."""

from django.db.models import Q

from wagtail.admin.forms import WagtailAdminPageForm


class BasePageForm(WagtailAdminPageForm):
    """Taxonomy choices (themes, methods, sectors, data sources, SDGs) in the page's own language.

    Each taxonomy record exists once per language, so an unfiltered list shows "Local governance"
    next to "Gouvernance locale". Records already chosen stay listed, so saving never drops them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from hub.base.models import SDG, TaxonomyBase

        locale_id = getattr(self.instance, "locale_id", None)
        if not locale_id:
            return
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            model = getattr(queryset, "model", None)
            if model is None or not (issubclass(model, TaxonomyBase) or model is SDG):
                continue
            initial = self.initial.get(name)
            # A many-to-many field's initial value is a list; a foreign key's (MethodPage.method) a pk.
            initial = [initial] if initial is None or isinstance(initial, int | str) else initial
            chosen = [getattr(value, "pk", value) for value in initial if value is not None]
            field.queryset = queryset.filter(Q(locale_id=locale_id) | Q(pk__in=chosen))
