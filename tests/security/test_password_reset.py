"""The admin's password reset answers alike for an address with an account and one without,
and never waits for the mail server: the mail leaves in the background. Tested against loopback
SMTP servers: one that accepts connections and never answers, and one that takes the mail."""

import socket
import threading

import pytest

pytestmark = pytest.mark.django_db


class LoopbackSmtp:
    """A minimal SMTP server on 127.0.0.1. `hang=True`: accepts and never says a word."""

    def __init__(self, hang: bool):
        self.hang = hang
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connected = threading.Event()
        self.data_received = threading.Event()
        self.messages: list[str] = []
        self.open: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.open.append(conn)
            self.connected.set()
            if not self.hang:
                threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn):
        reader = conn.makefile("rb")
        conn.sendall(b"220 loopback ESMTP\r\n")
        for line in reader:
            command = line.decode().strip().upper()
            if command.startswith(("EHLO", "HELO")):
                conn.sendall(b"250 loopback\r\n")
            elif command == "DATA":
                conn.sendall(b"354 go on\r\n")
                body = []
                for data_line in reader:
                    if data_line == b".\r\n":
                        break
                    body.append(data_line.decode())
                self.messages.append("".join(body))
                self.data_received.set()
                conn.sendall(b"250 queued\r\n")
            elif command == "QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 ok\r\n")

    def client_still_waiting(self) -> bool:
        """Whether the mail client is still connected, waiting for a greeting that never comes
        (a client that had given up would have closed its end)."""
        conn = self.open[0]
        conn.setblocking(False)
        try:
            return conn.recv(1, socket.MSG_PEEK) != b""
        except BlockingIOError:
            return True
        finally:
            conn.setblocking(True)

    def close(self):
        self.sock.close()
        for conn in self.open:
            conn.close()


@pytest.fixture
def smtp(settings):
    servers = []

    def start(hang: bool) -> LoopbackSmtp:
        server = LoopbackSmtp(hang)
        servers.append(server)
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": "127.0.0.1",
                    "port": server.port,
                    "use_tls": False,
                    "timeout": 5,
                },
            }
        }
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "redakteurin", "redakteurin@example.org", "richtig-und-lang-genug"
    )


def ask_for_reset(client, email, capture):
    with capture(execute=True):
        return client.post("/admin/password_reset/", {"email": email})


def test_the_answer_does_not_wait_for_a_hanging_mail_server(
    client, editor, smtp, django_capture_on_commit_callbacks
):
    hung = smtp(hang=True)
    known = ask_for_reset(client, "redakteurin@example.org", django_capture_on_commit_callbacks)
    # The answer is here while the mail client still waits for the server's greeting: it did
    # not wait for the mail (a sending request would have returned only after giving up).
    assert known.status_code == 302
    assert hung.connected.wait(10)
    assert hung.client_still_waiting()
    assert not hung.data_received.is_set()
    unknown = ask_for_reset(client, "niemand@example.org", django_capture_on_commit_callbacks)
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert unknown.content == known.content
    done = client.get(known.url)
    assert done.status_code == 200


def test_the_mail_reaches_a_working_mail_server(
    client, editor, smtp, django_capture_on_commit_callbacks
):
    server = smtp(hang=False)
    response = ask_for_reset(client, "redakteurin@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert server.data_received.wait(10)
    (message,) = server.messages
    assert "To: redakteurin@example.org" in message
    assert "/admin/password_reset/confirm/" in message.replace("=\r\n", "")
    # No mail for an address without an account.
    ask_for_reset(client, "niemand@example.org", django_capture_on_commit_callbacks)
    assert len(server.messages) == 1
