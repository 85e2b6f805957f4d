"""atlas.server_sockets: TCP_NODELAY on the app server's sockets (Streamlit binds its own without it)."""

import socket

import pytest

from atlas.server_sockets import set_tcp_nodelay


def _nodelay(sock):
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.fixture
def listener():
    # As Streamlit 1.67 binds its server socket: protocol 0, so asyncio leaves Nagle on.
    sock = socket.socket(family=socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock
    sock.close()


def test_a_listening_socket_passes_nodelay_to_the_connections_it_accepts(listener):
    assert _nodelay(listener) == 0
    assert set_tcp_nodelay() >= 1
    assert _nodelay(listener) != 0
    with socket.create_connection(listener.getsockname()) as client:
        accepted, _ = listener.accept()
        with accepted:
            assert _nodelay(accepted) != 0


def test_open_connections_take_it_at_once(listener):
    with socket.create_connection(listener.getsockname()) as client:
        accepted, _ = listener.accept()
        with accepted:
            assert _nodelay(accepted) == 0
            set_tcp_nodelay()
            assert _nodelay(accepted) != 0 and _nodelay(client) != 0


def test_other_sockets_are_left_alone_and_stay_open(listener):
    left, right = socket.socketpair()  # Unix sockets: no TCP option to set
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with left, right, udp:
        set_tcp_nodelay()
        left.sendall(b"still open")
        assert right.recv(10) == b"still open"
    # The listener's own descriptor was duplicated, not taken: it still accepts.
    with socket.create_connection(listener.getsockname()):
        listener.accept()[0].close()


@pytest.mark.parametrize("fd_dir", ["/nonexistent/fd", ""])
def test_without_a_descriptor_listing_nothing_is_done(fd_dir):
    assert set_tcp_nodelay(fd_dir) == 0

