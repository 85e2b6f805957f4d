"""Switch off Nagle's algorithm on the app server's TCP sockets, so a small file is not held back 40 ms.

Streamlit 1.67 serves the page, its scripts and the atlas's static files with
uvicorn on a socket it binds itself (``socket.socket(family=...)``, protocol 0).
asyncio sets ``TCP_NODELAY`` only on sockets whose protocol is
``IPPROTO_TCP``, so on that server every response after the first on a
keep-alive connection is written as a header segment and a body segment, and
the body waits for the browser's delayed acknowledgement of the header: about
40 ms a file (measured 2026-12-05: 43 ms against 2 ms for the same 4 KB file on
a reused connection). A first map fetches some sixty files. Linux copies
``TCP_NODELAY`` from a listening socket to the connections it accepts, so
setting it once on the listening socket covers every later connection.
"""

import os
import socket

__all__ = ["set_tcp_nodelay"]

_FD_DIR = "/proc/self/fd"


def set_tcp_nodelay(fd_dir=_FD_DIR):
    """Set ``TCP_NODELAY`` on every TCP socket this process holds; return how many were set.

    Listening sockets pass it on to the connections they accept (Linux), open
    connections take it at once. Sockets that are not TCP (Unix sockets, UDP)
    are left alone. Where ``fd_dir`` does not exist (not Linux) nothing is done
    and 0 is returned; a descriptor closed or reused while being looked at is
    skipped.

    Parameters
    ----------
    fd_dir : str
        The directory listing this process's file descriptors (``/proc/self/fd``).

    Returns
    -------
    int
        The number of TCP sockets now with ``TCP_NODELAY``.
    """
    try:
        fds = [int(name) for name in os.listdir(fd_dir) if name.isdigit()]
    except OSError:
        return 0
    done = 0
    for fd in fds:
        try:
            if not os.readlink(os.path.join(fd_dir, str(fd))).startswith("socket:"):
                continue
            # A duplicate descriptor of the same socket: closing it leaves the server's own open.
            with socket.socket(fileno=os.dup(fd)) as sock:
                if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    done += 1
        except OSError:  # closed, reused or not a socket by now
            continue
    return done
