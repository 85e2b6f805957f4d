"""The app's server process: what is set up once, whatever page a reader opens first."""

import threading

from atlas.server_sockets import set_tcp_nodelay

__all__ = ["tune_server_once"]

_lock = threading.Lock()
_tuned = False


def tune_server_once():
    """Set ``TCP_NODELAY`` on the server's sockets, once per process (see :mod:`atlas.server_sockets`).

    Called by ``app.py`` on every run; only the first does anything. The
    connections the first reader's browser opened before that run get it too.
    """
    global _tuned
    with _lock:  # sessions run in their own threads
        if not _tuned:
            _tuned = True
            set_tcp_nodelay()
