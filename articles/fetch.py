"""Fetching one web page for ingest, without letting the URL reach the server's own network.

Every hop (the first URL and each redirect target) is parsed strictly, its host resolved once,
every address it resolves to checked, and the connection made to exactly that checked address
(the Host header and TLS server name carry the host name), so a DNS answer that changes between
the check and the connection (rebinding) has nothing to change. One deadline covers the whole
fetch, every hop included: a server that trickles its answer a byte at a time is cut off when
the deadline passes, not when it stops sending.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

USER_AGENT = "Claimtrack/1.0 (fact-checking desk ingest)"
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CONDITIONAL = {"If-None-Match", "If-Modified-Since"}
# One DNS label once IDNA-encoded (letters, digits, inner hyphens; at most 63 characters).
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_DOTTED_QUAD = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
# NAT64 (RFC 6052): the last 32 bits are an IPv4 address a gateway connects to.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchError(Exception):
    """Why a URL was not fetched, in words fit to show next to the URL."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Page:
    """What the server answered at the end of the redirects."""

    url: str
    body: bytes
    content_type: str
    charset: str | None
    status: int = 200  # 304 only when asked with `conditional` validators
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Target:
    """A URL after strict parsing: what to connect to and what to ask for."""

    scheme: str
    host: str  # ASCII (IDNA) host name or IP address, without brackets
    port: int
    path: str  # request target: path and query, percent-encoded ASCII

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == _DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host_header}{self.path}"


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    allow_private: bool = False,
    max_redirects: int = MAX_REDIRECTS,
    conditional: dict[str, str] | None = None,
) -> Page:
    """GET `url`, following up to `max_redirects` redirects, all within `timeout` seconds.

    Raises FetchError with the reason when the URL is malformed or not http(s), its host does
    not resolve or resolves to an address that is not public (unless `allow_private`, which
    still refuses unspecified, multicast and broadcast addresses), the server fails or
    answers other than 2xx, the body is over `max_bytes`, or the deadline passes.

    `conditional` (If-None-Match, If-Modified-Since: a feed poller's validators) is sent with
    every hop; a 304 then comes back as a Page with status 304 and no body.
    """
    deadline = time.monotonic() + timeout
    extra = {k: v for k, v in (conditional or {}).items() if k in _CONDITIONAL and v}
    try:
        return _follow(url, deadline, timeout, max_bytes, allow_private, max_redirects, extra)
    except TimeoutError:  # a host name's look-up outlasted the deadline
        raise FetchError(f"timed out after {timeout:g}s") from None


def _follow(
    url: str,
    deadline: float,
    timeout: float,
    max_bytes: int,
    allow_private: bool,
    max_redirects: int,
    extra: dict[str, str],
) -> Page:
    target = parse_url(url)
    addresses = resolve(target, allow_private=allow_private, seconds=deadline - time.monotonic())
    for hop in range(max_redirects + 1):
        status, reason, headers, body = _get(target, addresses, deadline, timeout, max_bytes, extra)
        if status not in _REDIRECTS:
            break
        if hop == max_redirects:
            raise FetchError(f"redirected more than {max_redirects} times")
        location = headers.get("Location")
        if not location:
            raise FetchError(f"redirected (HTTP {status}) without saying where to")
        try:
            target = parse_url(_join(target.url, location.strip()))
            addresses = resolve(
                target, allow_private=allow_private, seconds=deadline - time.monotonic()
            )
        except FetchError as error:
            raise FetchError(f"redirected to {location!r}, which {error.reason}") from None
    validators = {
        "etag": headers.get("ETag", ""),
        "last_modified": headers.get("Last-Modified", ""),
    }
    if status == 304 and extra:
        return Page(target.url, b"", "", None, status=304, **validators)
    if not 200 <= status < 300:
        raise FetchError(f"the server answered HTTP {status} {reason}".rstrip())
    return Page(
        url=target.url,
        body=body,
        content_type=headers.get("Content-Type", ""),
        charset=headers.get_content_charset(),
        status=status,
        **validators,
    )


def parse_url(url: str) -> Target:
    """The URL's parts, refusing anything a browser-grade parser and ours could read apart:
    non-http(s) schemes, user names, percent-encoded or non-canonical hosts, bad ports,
    whitespace and control characters."""
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        raise FetchError("has whitespace or control characters in it")
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as error:
        raise FetchError(f"is not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise FetchError("is not an http(s) URL")
    netloc = parts.netloc
    if "@" in netloc:
        raise FetchError("carries a user name or password, which ingest does not send")
    if "%" in netloc:
        raise FetchError(f"has a percent-encoded host {netloc!r}")
    if "\\" in url:
        raise FetchError("has a backslash in it (browsers and servers read it differently)")
    host, port = _split_host_port(netloc)
    path = _quote(parts.path or "/") + (f"?{_quote(parts.query)}" if parts.query else "")
    return Target(scheme=scheme, host=host, port=port or _DEFAULT_PORTS[scheme], path=path)


def _join(base: str, location: str) -> str:
    try:
        return urllib.parse.urljoin(base, location)
    except ValueError as error:
        raise FetchError(f"is not a valid URL ({error})") from None


def _split_host_port(netloc: str) -> tuple[str, int | None]:
    if netloc.startswith("["):
        literal, _, rest = netloc[1:].partition("]")
        try:
            host = str(ipaddress.IPv6Address(literal))
        except ValueError:
            raise FetchError(f"has an invalid IPv6 address [{literal}]") from None
    else:
        host, colon, rest = netloc.partition(":")
        rest = colon + rest
        host = _hostname(host)
    port = None
    if rest not in ("", ":"):
        digits = rest.removeprefix(":")
        if not rest.startswith(":") or not digits.isascii() or not digits.isdigit():
            raise FetchError(f"has an invalid port {rest!r}")
        port = int(digits)
        if not 1 <= port <= 65535:
            raise FetchError(f"has port {port}, outside 1-65535")
    return host, port


def _hostname(host: str) -> str:
    if not host:
        raise FetchError("has no host")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise FetchError(f"has a host {host!r} that is not a valid (IDNA) domain name") from None
    ascii_host = ascii_host.removesuffix(".")
    labels = ascii_host.split(".")
    if len(ascii_host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise FetchError(f"has a host {host!r} that is not a valid domain name")
    # A host whose last label is a number is read as an IPv4 address by browsers and by
    # getaddrinfo ("127.1", "2130706433", "0x7f.0.0.1"): only the plain dotted form is allowed.
    numeric = labels[-1].isdigit() or labels[-1].startswith("0x")
    if numeric and not _DOTTED_QUAD.fullmatch(ascii_host):
        raise FetchError(f"has a host {host!r} that is not a plain dotted IPv4 address")
    return ascii_host


def _quote(text: str) -> str:
    # Non-ASCII and stray characters are percent-encoded; existing escapes are kept as sent.
    return urllib.parse.quote(text, safe="!#$%&'()*+,/:;=?@[]~")


def resolve(
    target: Target, *, allow_private: bool = False, seconds: float | None = None
) -> list[str]:
    """Every address the host resolves to, once; refused if any of them is not public.

    Raises TimeoutError if the look-up takes more than `seconds`."""
    try:
        infos = _lookup(target.host, target.port, seconds)
    except (socket.gaierror, UnicodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise FetchError(f"has a host {target.host!r} that does not resolve ({reason})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"has a host {target.host!r} that does not resolve")
    for address in addresses:
        refusal = address_refusal(ipaddress.ip_address(address), allow_private=allow_private)
        if refusal:
            # Any one non-public answer refuses the host: mixing a public and a private
            # record is how a rebinding attack would pick which one we connect to.
            raise FetchError(
                f"resolves to {refusal} ({address}); set CLAIMTRACK_ALLOW_PRIVATE_URLS=1 to "
                "ingest from your own network"
                if refusal.startswith("a private")
                else f"resolves to {refusal} ({address})"
            )
    return addresses


def _lookup(host: str, port: int, seconds: float | None) -> list[tuple]:
    """getaddrinfo, given up on after `seconds`: the system resolver takes no deadline, so it
    runs in a thread of its own, left to finish in the background if it is late."""
    outcome: list = []

    def look_up() -> None:
        try:
            outcome.append(
                socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
            )
        except Exception as error:
            outcome.append(error)

    worker = threading.Thread(target=look_up, daemon=True)
    worker.start()
    worker.join(None if seconds is None else max(seconds, 0))
    if not outcome:
        raise TimeoutError(f"looking up {host} took over {seconds:g}s")
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    return outcome[0]


def address_refusal(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, *, allow_private: bool = False
) -> str | None:
    """Why `address` may not be connected to, or None for a plain public unicast address.

    IPv6 forms that carry an IPv4 address (mapped, 6to4, Teredo, NAT64) are judged by the IPv4
    address they lead to."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if address.teredo:
            embedded = address.teredo[1]
        if address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return address_refusal(embedded, allow_private=allow_private)
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if isinstance(address, ipaddress.IPv4Address) and address == ipaddress.IPv4Address(
        "255.255.255.255"
    ):
        return "a broadcast address"
    if address.is_global or allow_private:
        return None
    return "a private address"


def _get(
    target: Target,
    addresses: list[str],
    deadline: float,
    timeout: float,
    max_bytes: int,
    extra: dict[str, str] | None = None,
) -> tuple[int, str, http.client.HTTPMessage, bytes]:
    """One GET to the first of `addresses` that accepts, the deadline enforced throughout."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"timed out after {timeout:g}s")
    sock = _connect(addresses, target.port, remaining, timeout)
    # The watchdog shuts the connection down at the deadline: a read blocked on a trickling
    # server then returns at once, wherever it is (TLS handshake, status line, headers, body).
    # It holds a duplicate descriptor: shutdown acts on the connection, and TLS wrapping
    # detaches the original socket object.
    handle = sock.dup()
    watchdog = threading.Timer(deadline - time.monotonic(), _shut, args=(handle,))
    watchdog.daemon = True
    watchdog.start()
    connection = http.client.HTTPConnection(target.host, target.port)
    try:
        if target.scheme == "https":
            context = ssl.create_default_context()
            sock = context.wrap_socket(sock, server_hostname=target.host)
        connection.sock = sock
        connection.request(
            "GET",
            target.path,
            headers={
                **(extra or {}),
                "Host": target.host_header,
                "User-Agent": USER_AGENT,
                "Accept": "*/*",
            },
        )
        response = connection.getresponse()
        if time.monotonic() >= deadline:
            # The watchdog ended the headers early: what arrived is not the whole answer.
            raise FetchError(f"timed out after {timeout:g}s")
        if response.status in _REDIRECTS:
            return response.status, response.reason, response.msg, b""
        length = response.getheader("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise FetchError(f"is {human_size(int(length))}, {_over(max_bytes)}")
        body = _read_body(response, max_bytes)
        if time.monotonic() >= deadline:
            # The watchdog ended the body early (a body without Content-Length just stops).
            raise FetchError(f"timed out after {timeout:g}s")
        return response.status, response.reason, response.msg, body
    except FetchError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        if time.monotonic() >= deadline or isinstance(error, TimeoutError):
            raise FetchError(f"timed out after {timeout:g}s") from None
        if isinstance(error, ssl.SSLCertVerificationError):
            raise FetchError(
                f"has a TLS certificate that does not verify ({error.verify_message})"
            ) from None
        raise FetchError(f"could not be fetched ({_describe(error)})") from None
    finally:
        watchdog.cancel()
        handle.close()
        connection.close()
        sock.close()


def _connect(addresses: list[str], port: int, remaining: float, timeout: float) -> socket.socket:
    last: OSError | None = None
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(remaining)
        try:
            sock.connect((address, port))
        except TimeoutError:
            sock.close()
            raise FetchError(f"timed out after {timeout:g}s") from None
        except OSError as error:
            sock.close()
            last = error
            continue
        return sock
    raise FetchError(f"could not be fetched ({_describe(last)})")


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"input is {_over(max_bytes)}")
        chunks.append(chunk)
    return b"".join(chunks)


def _shut(sock: socket.socket) -> None:
    # Already closed: the fetch finished as the deadline passed.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _describe(error: BaseException | None) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"[Errno {error.errno}] {error.strerror}" if error.errno else error.strerror
    return str(error) or type(error).__name__


def _over(max_bytes: int) -> str:
    return f"over the {human_size(max_bytes)} limit (CLAIMTRACK_MAX_INPUT_BYTES or --max-bytes)"


def human_size(n: float) -> str:
    """A byte count as people read it: "512 bytes", "5.0 MiB"."""
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{int(n)} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"
