"""HTTP to public addresses only, with a deadline for the whole answer.

The site fetches addresses other people write: catalogue feeds and product photos, shops' pages
for the link checker. Such an address, or a redirect it answers with, must not make the site
request its own network (loopback, the private ranges, link-local including the cloud metadata
service at 169.254.169.254, ...).

The check sits where urllib3 opens a socket (`_new_conn`): the host is resolved once, every
address it resolves to is checked, and the socket connects to the checked address itself, so no
second DNS lookup can answer differently. Host header, TLS server name and certificate check
keep the original host name. Every redirect hop to another host opens a new connection and is
checked the same way; a connection kept alive is only ever reused for the host:port it was
opened (and checked) for. Proxies from the environment are ignored (a proxy would resolve the
name itself).

requests' timeout bounds each socket read, so a server sending one byte a second never trips
it. `Deadline` bounds the whole download: when it passes, the sockets of that download are shut
down and the read ends with `DeadlineExceeded`.
"""

import contextlib
import ipaddress
import socket
import threading

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection as urllib3_connection

# NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(Exception):
    """The host resolves to an address inside the network; nothing was sent to it.

    Deliberately not an OSError: urllib3 and requests pass it through unchanged.
    """

    def __init__(self, host: str, address: str):
        super().__init__(host, address)
        self.host, self.address = host, address

    def __str__(self):
        if self.host.strip("[]") == self.address:
            return f"{self.address} is an internal address"
        return f"{self.host} resolves to the internal address {self.address}"


class DeadlineExceeded(Exception):
    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self):
        return f"the answer took longer than {self.seconds:g} s"


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form stands for (mapped, NAT64, 6to4, Teredo), if any."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    return None


def is_public(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet: not loopback, private, link-local,
    multicast, reserved, unspecified, shared (CGNAT) or documentation space, nor an IPv6 form
    of one of those."""
    if isinstance(address, str):
        address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:  # the socket reaches the IPv4 address itself
            return is_public(address.ipv4_mapped)
        inner = embedded_ipv4(address)
        if inner is not None and not is_public(inner):
            return False
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_unspecified
    )


def address_key(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def resolve_public(host: str, port: int, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Every address `host` resolves to, or BlockedAddress if any of them is internal.

    `allowed` names exact `address:port` pairs (`[::1]:8000` for IPv6) that may be internal.
    A name that does not resolve raises socket.gaierror, as a connection would.
    """
    host = host.strip("[]")
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    for address in addresses:
        if not is_public(address) and address_key(address, port) not in allowed:
            raise BlockedAddress(host, address)
    return addresses


def points_inside(url: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether a URL's host resolves to an internal address (False if it does not resolve)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        resolve_public(parts.hostname or "", port, allowed)
    except BlockedAddress:
        return True
    except (OSError, UnicodeError, ValueError):
        return False
    return False


# The deadline of the download running in this thread.
_current = threading.local()


class Deadline:
    """`with Deadline(seconds):` - the sockets opened or used inside are shut down when the time
    is up, which ends a blocked read at once. Raises DeadlineExceeded on leaving the block if
    the time ran out, whatever the read made of the closed socket (an error or a short body)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self):
        self._outer = getattr(_current, "deadline", None)
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self._timer.cancel()
        _current.deadline = self._outer
        if self.expired:
            raise DeadlineExceeded(self.seconds) from exc
        return False

    def watch(self, sock: socket.socket | None):
        if sock is None:
            return
        with self._lock:
            if self.expired:
                self._shut(sock)
            else:
                self._sockets.append(sock)

    def _expire(self):
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock):
        # The plain socket's shutdown, also for a TLS socket: it wakes a read blocked in
        # another thread without touching the TLS state that thread is using.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _watch(sock):
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)


class _Guarded:
    """Mixin for urllib3's connection classes: resolve once, check, connect to that address."""

    allowed: frozenset[str] = frozenset()

    def _new_conn(self):
        host, port = self._dns_host, self.port
        try:
            addresses = resolve_public(host, port, self.allowed)
        except socket.gaierror:
            return super()._new_conn()  # urllib3 reports the failed lookup as usual
        error = None
        for address in addresses:
            try:
                sock = urllib3_connection.create_connection(
                    (address, port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except OSError as exc:
                error = exc
                continue
            _watch(sock)
            return sock
        if isinstance(error, TimeoutError):
            raise ConnectTimeoutError(self, f"Connection to {host} timed out.") from error
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}") from error

    def request(self, *args, **kwargs):
        _watch(self.sock)  # a kept-alive connection used again
        return super().request(*args, **kwargs)


class PublicOnlyAdapter(HTTPAdapter):
    def __init__(self, allowed=frozenset(), **kwargs):
        attrs = {"allowed": frozenset(allowed)}
        http = type("GuardedHTTPConnection", (_Guarded, HTTPConnection), attrs)
        https = type("GuardedHTTPSConnection", (_Guarded, HTTPSConnection), attrs)
        self.pool_classes = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(self.pool_classes)


def public_session(*, user_agent: str, allowed=()) -> requests.Session:
    """A requests session that only connects to public addresses (plus the exact `allowed`
    `address:port` pairs) and ignores proxy settings from the environment."""
    session = requests.Session()
    session.trust_env = False
    session.headers["User-Agent"] = user_agent
    adapter = PublicOnlyAdapter(allowed)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
