"""The authentication backend: Django's ModelBackend, reading a user's permissions in one query.

Every signed-in API request asks for the reader's permissions at least once (the rate limit and
the views decide by role whether the desk's side is shown): Django's backend reads the user's own
permissions and their groups' permissions in two queries; this one reads both in one (a UNION of
the same two selections). The same set comes back, cached on the user object for the request as
Django caches it; everything else (password check, ``is_active``, superusers) is Django's.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

_NAME = ("content_type__app_label", "codename")


class OneQueryModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                names = Permission.objects.order_by().values_list(*_NAME)
            else:
                own = Permission.objects.filter(user=user_obj).order_by().values_list(*_NAME)
                grouped = Permission.objects.filter(group__user=user_obj).order_by()
                names = own.union(grouped.values_list(*_NAME))
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in names}
        return user_obj._perm_cache
