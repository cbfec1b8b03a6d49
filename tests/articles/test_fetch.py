"""Fetching a URL for ingest (articles/fetch.py) through `manage.py ingest --url` and the API:
the private-address guard on every hop, strict URL parsing, one DNS answer, one deadline."""

from __future__ import annotations

import http.server
import socket
import threading
import time
import urllib.parse

import pytest

from articles.models import Article
from tests.api.conftest import client_for
from tests.commands import ingest
from tests.conftest import PAGE

pytestmark = pytest.mark.django_db


class Server:
    """A real HTTP server on loopback. /story is an article page; /redirect?to=X answers 302
    with Location X (sent as is); /loop redirects to itself; /trickle sends its body a byte
    every 0.2 s, /trickle-headers its headers; /hop?n=K sleeps 0.4 s, then redirects to
    /hop?n=K-1 until /hop?n=0 serves the page. `requests` lists the paths asked for."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                path, _, query = self.path.partition("?")
                params = dict(urllib.parse.parse_qsl(query))
                if path == "/redirect":
                    self.send_response(302)
                    # Sent as is (latin-1): the test decides which bytes the Location holds.
                    self.send_header("Location", params["to"])
                    self.end_headers()
                elif path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.end_headers()
                elif path == "/hop" and params["n"] != "0":
                    time.sleep(0.4)
                    self.send_response(302)
                    self.send_header("Location", f"/hop?n={int(params['n']) - 1}")
                    self.end_headers()
                elif path == "/trickle-headers":
                    self.wfile.write(b"HTTP/1.0 200 OK\r\n")
                    self.trickle(b"X-Slow: 1\r\n")
                elif path == "/trickle":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.trickle(b"a")
                else:
                    body = PAGE.encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

            def trickle(self, chunk: bytes) -> None:
                try:
                    for _ in range(50):
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        time.sleep(0.2)
                except OSError:
                    pass  # the client hung up, as it should

            def log_message(self, *args):
                """Keep the test output free of access-log lines."""

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def redirect(self, to: str) -> str:
        return f"{self.url}/redirect?to={urllib.parse.quote(to, safe='')}"


@pytest.fixture
def server():
    server = Server()
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def private_allowed(settings):
    """Loopback is private: tests that need to reach their own server say so, as an operator
    would (CLAIMTRACK_ALLOW_PRIVATE_URLS=1)."""
    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = True


@pytest.fixture
def private_refused(settings):
    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = False


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("%31%32%37.0.0.1", "has a percent-encoded host"),
        ("%6c%6f%63%61%6c%68%6f%73%74", "has a percent-encoded host"),
        ("localhost", "resolves to a private address (127.0.0.1)"),
        ("127.1", "is not a plain dotted IPv4 address"),
        ("2130706433", "is not a plain dotted IPv4 address"),
        ("0x7f.0.0.1", "is not a plain dotted IPv4 address"),
        ("0177.0.0.1", "is not a plain dotted IPv4 address"),
        ("127.0.0.1.", "resolves to a private address (127.0.0.1)"),
        ("[::ffff:127.0.0.1]", "resolves to a private address (::ffff:127.0.0.1)"),
        ("[::ffff:7f00:1]", "resolves to a private address (::ffff:127.0.0.1)"),
        ("[::1]", "resolves to a private address (::1)"),
        ("0.0.0.0", "resolves to an unspecified address (0.0.0.0)"),
        ("[::]", "resolves to an unspecified address (::)"),
        ("169.254.169.254", "resolves to a private address (169.254.169.254)"),
        ("10.0.0.1", "resolves to a private address (10.0.0.1)"),
        ("[fe80::1]", "resolves to a private address (fe80::1)"),
        ("[2002:7f00:1::]", "resolves to a private address (2002:7f00:1::)"),
        ("[64:ff9b::7f00:1]", "resolves to a private address (64:ff9b::7f00:1)"),
        ("224.0.0.1", "resolves to a multicast address (224.0.0.1)"),
    ],
)
def test_the_command_refuses_every_spelling_of_a_private_host(
    server, private_refused, host, reason
):
    url = f"http://{host}:{server.port}/story"
    _, err, code = ingest("--url", url, "--timeout", "2")
    assert code == 1
    assert f"{url}: " in err and reason in err, err
    assert not Article.objects.exists()
    assert server.requests == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/x", "is not an http(s) URL"),
        ("javascript:alert(1)", "is not an http(s) URL"),
        ("file:///etc/passwd", "is not an http(s) URL"),
        ("http://user:secret@example.org/", "carries a user name or password"),
        ("http://example.org:99999/", "has port 99999, outside 1-65535"),
        ("http://example.org:8o/", "has an invalid port ':8o'"),
        ("http://[::1/", "is not a valid URL"),
        ("http://ex ample.org/", "has whitespace or control characters"),
        ("http:///story", "has no host"),
        ("http://exa_mple.org/", "is not a valid domain name"),
        ("http://claimtrack-nowhere.invalid/", "does not resolve"),
    ],
)
def test_the_command_refuses_malformed_and_unresolvable_urls_with_the_reason(
    private_refused, url, reason
):
    _, err, code = ingest("--url", url)
    assert code == 1
    assert f"{url}: " in err and reason in err, err
    assert "Traceback" not in err


def test_an_internationalised_host_is_sent_as_its_idna_form(server, private_allowed):
    # "ex\u00e4mple" is not registered here, so the lookup fails, but by its IDNA name: the
    # host was encoded, not refused or sent raw.
    _, err, code = ingest("--url", "http://ex\u00e4mple.invalid/")
    assert code == 1
    assert "'xn--exmple-cua.invalid' that does not resolve" in err


def test_every_redirect_hop_is_checked_as_strictly_as_the_first_url(server, private_allowed):
    # Loopback is allowed here (the test server lives there); what no setting allows, and
    # what is spelled to slip past a looser check, is refused on a redirect just the same.
    hops = {
        f"http://0.0.0.0:{server.port}/story": "resolves to an unspecified address (0.0.0.0)",
        f"http://%31%32%37.0.0.1:{server.port}/story": "has a percent-encoded host",
        "http://[::1": "is not a valid URL",
        "http://exa mple.org/": "has whitespace or control characters",
        f"http://127.0.0.1:{server.port}x/": "has an invalid port",
        "http://127.0.0.1:99999/": "has port 99999, outside 1-65535",
        "gopher://127.0.0.1:70/": "is not an http(s) URL",
        "http://u:p@127.0.0.1/": "carries a user name or password",
    }
    args = [arg for to in hops for arg in ("--url", server.redirect(to))]
    _, err, code = ingest(*args)
    assert code == 1
    for to, reason in hops.items():
        line = next(line for line in err.splitlines() if line.startswith(server.redirect(to)))
        assert f"redirected to {to!r}, which {reason}" in line, line
    assert "Traceback" not in err
    assert not Article.objects.exists()
    assert all(path.startswith("/redirect") for path in server.requests)


def test_a_redirect_to_a_relative_path_is_followed_and_the_final_url_recorded(
    server, private_allowed
):
    _, err, code = ingest("--url", server.redirect("/story"))
    assert code == 0, err
    assert Article.objects.get().url == f"{server.url}/story"


def test_a_redirect_loop_stops_at_the_hop_limit(server, private_allowed):
    _, err, code = ingest("--url", f"{server.url}/loop")
    assert code == 1
    assert f"{server.url}/loop: redirected more than 5 times" in err
    assert server.requests == ["/loop"] * 6


def test_the_host_is_resolved_once_and_the_checked_address_is_the_one_connected_to(
    server, private_refused, monkeypatch
):
    # A rebinding DNS server answers a public address to the check and loopback afterwards.
    # No DNS server runs here, so the answers come from a stand-in for the resolver.
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        address = "1.1.1.1" if len(lookups) == 1 else "127.0.0.1"
        return real(address, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    _, err, code = ingest("--url", f"http://rebind.example:{server.port}/story", "--timeout", "1")
    assert code == 1
    assert lookups == ["rebind.example"]
    assert server.requests == []  # the loopback server was never reached
    assert not Article.objects.exists()
    assert "rebind.example" in err and ("could not be fetched" in err or "timed out" in err)


def test_a_slow_name_look_up_counts_against_the_deadline(private_refused, monkeypatch):
    # A resolver that answers after 3 s (no DNS server runs here: a stand-in for it).
    real = socket.getaddrinfo

    def slow(host, port, *args, **kwargs):
        if host == "slow-dns.example":
            time.sleep(3)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    _, err, code = ingest("--url", "http://slow-dns.example/story", "--timeout", "1")
    assert code == 1
    assert "http://slow-dns.example/story: timed out after 1s" in err
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_a_trickling_server_cannot_hold_a_fetch_past_its_deadline(server, private_allowed, path):
    started = time.monotonic()
    _, err, code = ingest("--url", f"{server.url}{path}", "--timeout", "1")
    elapsed = time.monotonic() - started
    assert code == 1
    assert f"{server.url}{path}: timed out after 1s" in err
    assert elapsed < 2.5, elapsed


def test_one_deadline_covers_every_redirect_hop(server, private_allowed):
    # Three hops of 0.4 s each: every hop is well within 1 s, the whole fetch is not.
    _, err, code = ingest("--url", f"{server.url}/hop?n=3", "--timeout", "1")
    assert code == 1
    assert f"{server.url}/hop?n=3: timed out after 1s" in err
    assert not Article.objects.exists()
    _, err, code = ingest("--url", f"{server.url}/hop?n=3", "--timeout", "5")
    assert code == 0, err


def test_the_api_refuses_a_percent_encoded_private_host_and_malformed_redirects(
    server, fact_checker, settings
):
    api = client_for(fact_checker)
    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = False
    url = f"http://%31%32%37.0.0.1:{server.port}/story"
    response = api.post("/api/v1/ingest/", {"url": url})
    assert response.status_code == 400, response.content

    settings.CLAIMTRACK_ALLOW_PRIVATE_URLS = True
    for to in ("http://[::1", f"http://%31%32%37.0.0.1:{server.port}/story"):
        response = api.post("/api/v1/ingest/", {"url": server.redirect(to)})
        assert response.status_code == 400, response.content
        assert f"redirected to {to!r}, which" in response.json()["error"]["message"]
    assert not Article.objects.exists()
    assert "/story" not in server.requests


@pytest.fixture
def tls_server(tmp_path, monkeypatch, private_allowed):
    """The same server behind TLS, with a certificate for "localhost" that this process trusts
    (SSL_CERT_FILE), so the fetch verifies it as it would a public site's."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost"),
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server = Server()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_https_connects_to_the_checked_address_and_verifies_the_host_name(tls_server):
    # The connection goes to the resolved IP; the certificate is checked against "localhost",
    # the name in the URL (sent as SNI), as it would be without the pinning.
    _, err, code = ingest("--url", f"https://localhost:{tls_server.port}/story")
    assert code == 0, err
    assert Article.objects.get().url == f"https://localhost:{tls_server.port}/story"
    # By IP the certificate (for "localhost" only) does not fit: refused, not trusted blindly.
    _, err, code = ingest("--url", f"https://127.0.0.1:{tls_server.port}/story")
    assert code == 1
    assert "has a TLS certificate that does not verify" in err
