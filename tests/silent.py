"""A service that hangs: a loopback port that accepts connections and never answers.

What a database or bucket looks like when its machine is overloaded or its process is frozen:
the connection opens, then nothing comes back. Tests point a setting at it and check that the
site gives up in seconds.
"""

import contextlib
import socket
import threading


@contextlib.contextmanager
def silent_server():
    """Yields (host, port) of a listening socket that takes every connection and stays silent;
    `.connections` of the yielded object counts them."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []
    stopped = threading.Event()

    def accept():
        while not stopped.is_set():
            try:
                connection, _address = listener.accept()
            except OSError:
                return
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    server = SilentServer(*listener.getsockname(), held)
    try:
        yield server
    finally:
        stopped.set()
        listener.close()
        for connection in held:
            connection.close()
        thread.join(timeout=5)


class SilentServer:
    def __init__(self, host: str, port: int, held: list):
        self.host, self.port, self._held = host, port, held

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def connections(self) -> int:
        return len(self._held)
