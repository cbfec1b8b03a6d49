"""Token authentication in one plain query.

DRF's TokenAuthentication looks the key up with ``Token.objects.select_related("user")``:
building that query through the ORM costs ~0.6 ms on every authenticated request, a fifth of
a cached page's time (measured with cProfile). The same lookup as one plain query, its row
made into a User as the ORM does it, costs a fraction of that and answers exactly the same: the
user of the token, refused when the token is unknown or the user inactive.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from claims import prepared
from claims.api import caching


def _user_by_token_sql() -> tuple[str, list[str]]:
    user = get_user_model()._meta
    token = Token._meta
    q = connection.ops.quote_name
    fields = user.concrete_fields
    columns = ", ".join(f"u.{q(f.column)}" for f in fields)
    sql = (
        f"SELECT {columns} FROM {q(user.db_table)} u JOIN {q(token.db_table)} t "
        f"ON t.{q(token.get_field('user').column)} = u.{q(user.pk.column)} "
        f"WHERE t.{q(token.pk.column)} = %s"
    )
    return sql, [f.attname for f in fields]


class TokenAuthentication(authentication.TokenAuthentication):
    """A token this process has checked since the user, permission and token tables last
    changed signs its user in with no query at all (see claims.api.caching)."""

    _http_request = None

    def authenticate(self, request):
        self._http_request = request._request  # one authenticator per request (DRF)
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        http = self._http_request
        if http is not None:
            user = caching.remembered_user(http, key)
            if user is not None:
                return (user, Token(key=key, user=user))
        sql, attnames = _user_by_token_sql()
        with connection.cursor() as cursor:
            if prepared.available():  # planned once per connection
                (rows,) = prepared.fetch_all(cursor, [(sql, [key])])
                row = rows[0] if rows else None
            else:
                cursor.execute(sql, [key])
                row = cursor.fetchone()
        if row is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        # As the ORM builds an instance from a row (a raw() query set costs ~0.5 ms more).
        user = get_user_model().from_db(connection.alias, attnames, row)
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if http is not None:
            caching.remember_user(http, key, user)
        token = Token(key=key, user=user)  # request.auth, as DRF gives it (not re-read)
        return (user, token)
