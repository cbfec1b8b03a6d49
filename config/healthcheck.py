"""The container's health check: GET /healthz from inside the web container, exit 0 when it
answers 200. Standard library only, so that it costs no Django start-up every interval.

It sends the Host the app serves (the first of ALLOWED_HOSTS) and says it came over HTTPS as a
TLS proxy would (honoured only with SECURE_PROXY_SSL_HEADER=1): a plain 127.0.0.1 request would
get 400 (host not allowed) or a redirect to https, and read as down.
"""

from __future__ import annotations

import http.client
import os
import sys


def main() -> int:
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
    port = int(os.environ.get("PORT", "8000"))
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
    except OSError as error:
        print(f"/healthz unreachable: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"/healthz answered HTTP {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
