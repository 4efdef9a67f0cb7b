"""A real HTTP server on 127.0.0.1 that sends its answer a byte at a time, headers included."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

ANSWER = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"p" * 200 + b"\r\n"
          b"Content-Length: 40\r\n\r\n<html><body>never finished</body></html>")


@contextmanager
def dripping_server(gap: float = 0.25) -> Iterator[str]:
    """The base URL of a server answering every request with ANSWER, one byte every `gap` seconds.

    Each byte comes well within any read timeout, so only an overall deadline ends the exchange.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    stop = threading.Event()

    def drip(connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(65536)
                for index in range(len(ANSWER)):
                    if stop.wait(gap):
                        return
                    connection.sendall(ANSWER[index:index + 1])
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=drip, args=(connection,), daemon=True).start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        acceptor.join()
        listener.close()
