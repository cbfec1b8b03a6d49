from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        import config.security  # noqa: F401  (registers the deploy checks)
        from claims.api import caching

        # Every write to Claimtrack's tables moves the API cache's data version.
        connection_created.connect(caching.install, dispatch_uid="claimtrack-track-writes")
