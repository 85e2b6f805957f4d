"""deploy/serve.sh: the atlas through nginx in front of two app processes, in a real browser."""

import os
import urllib.request

import pytest

from atlas.devserver import ScaleOut, nginx_path

from .conftest import map_frame, require_tool


@pytest.fixture(scope="module")
def scale_out(tmp_path_factory):
    require_tool(nginx_path(), "nginx not found (apt-get install nginx, or set NGINX)")
    with ScaleOut(2, tmp_path_factory.mktemp("serve")) as stack:
        yield stack


def test_serve_starts_two_app_processes(scale_out):
    pids = scale_out.app_pids()
    assert len(pids) == 2
    assert all(os.path.exists(f"/proc/{pid}") for pid in pids)


def test_nginx_sets_a_sticky_cookie_once(scale_out):
    with urllib.request.urlopen(f"{scale_out.url}/_stcore/health", timeout=10) as response:
        assert response.status == 200
        cookie = next(v for k, v in response.headers.items() if k.lower() == "set-cookie" and v.startswith("atlas_route="))
    request = urllib.request.Request(f"{scale_out.url}/_stcore/health", headers={"Cookie": cookie.split(";")[0]})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert not any(v.startswith("atlas_route=") for k, v in response.headers.items() if k.lower() == "set-cookie")


def test_page_and_map_load_through_nginx(scale_out, watched_page):
    page, watch = watched_page
    page.goto(scale_out.url)
    frame = map_frame(page)
    assert frame.evaluate("() => document.querySelectorAll('.leaflet-pane').length") > 0
    page.get_by_text("Tajik Border Atlas").first.wait_for()
    # The session's websocket went through nginx: moving the slider reruns the page.
    thumb = page.get_by_role("slider").first
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_function("() => !!new URLSearchParams(location.search).get('years')", timeout=30_000)
