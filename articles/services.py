"""Writes about publishers and articles that are not about claims."""

from __future__ import annotations

from urllib.parse import urlsplit

from articles.models import Publisher


def domain_of(url: str) -> str:
    """The host of a URL without its "www.": how a publisher is known by its site."""
    return (urlsplit(url).hostname or "").removeprefix("www.") if url else ""


def publisher_for(*, name: str | None, url: str) -> Publisher | None:
    """The publisher of an article: by the name given, else by its URL's domain; created when
    new. A new named publisher takes the domain unless another publisher already has it."""
    domain = domain_of(url)
    if name:
        publisher, created = Publisher.objects.get_or_create(
            name=name.strip()[:200], defaults={"domain": ""}
        )
        if created and domain and not Publisher.objects.filter(domain=domain).exists():
            publisher.domain = domain
            publisher.save(update_fields=["domain"])
        return publisher
    if domain:
        return Publisher.objects.filter(domain=domain).first() or Publisher.objects.create(
            name=domain, domain=domain
        )
    return None
