"""Debian's Firefox ESR, headless, driven over Marionette, every request sent to a recording proxy.

Playwright's Firefox is a patched build that cannot be downloaded here, so the
talk file's check in Firefox speaks Marionette (Firefox's own remote protocol,
``--marionette``: length-prefixed JSON over TCP) directly. Every HTTP and HTTPS
request Firefox makes goes to a local proxy that records it and answers
nothing, so a page that asked another host for anything is caught.
"""

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

from atlas.devserver import free_port

__all__ = ["firefox_path", "Firefox", "RecordingProxy", "KEYS"]

# WebDriver key codes.
KEYS = {"PageDown": "\ue00f", "PageUp": "\ue00e", "ArrowRight": "\ue014", "ArrowLeft": "\ue012",
        "Home": "\ue011", "End": "\ue010", " ": " "}

# Firefox's own background services stay off, so whatever reaches the proxy came from the page.
_PREFS = {
    "browser.startup.page": 0, "browser.startup.homepage": "about:blank", "browser.newtabpage.enabled": False,
    "app.update.auto": False, "app.update.enabled": False, "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False, "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False, "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False, "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False, "datareporting.healthreport.uploadEnabled": False,
    "datareporting.policy.dataSubmissionEnabled": False, "toolkit.telemetry.enabled": False,
    "browser.ping-centre.telemetry": False, "network.prefetch-next": False, "network.dns.disablePrefetch": True,
    "browser.shell.checkDefaultBrowser": False, "browser.aboutwelcome.enabled": False,
    "toolkit.startup.max_resumed_crashes": -1, "browser.tabs.warnOnClose": False,
}
# Hosts Firefox itself may still call (remote settings, certificates); never the page's.
_FIREFOX_HOSTS = ("mozilla.com", "mozilla.net", "mozilla.org", "firefox.com", "mozaws.net", "digicert.com",
                  "ocsp.", "pki.goog", "lencr.org")


def firefox_path():
    """Return the path of Firefox (``ATLAS_FIREFOX``, Debian's ``firefox-esr`` or ``firefox``), or None."""
    for candidate in (os.environ.get("ATLAS_FIREFOX"), shutil.which("firefox-esr"), shutil.which("firefox")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class RecordingProxy:
    """A local HTTP proxy that records each request's target (``GET http://...`` or ``CONNECT host:443``)."""

    def __init__(self):
        self.port = free_port()
        self.requests = []
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", self.port))
        self._server.listen(16)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while True:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    line = connection.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                    if line:
                        self.requests.append(line)
                    connection.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass

    def page_requests(self):
        """Return the recorded requests not made by Firefox's own services."""
        return [r for r in self.requests if not any(host in r for host in _FIREFOX_HOSTS)]

    def close(self):
        self._server.close()


class Firefox:
    """Headless Firefox with a fresh profile, driven over Marionette; every request goes to ``proxy``."""

    def __init__(self, path, profile_dir, proxy, width=1280, height=720):
        self.port = free_port()
        prefs = {**_PREFS, "marionette.port": self.port, "network.proxy.type": 1,
                 "network.proxy.http": "127.0.0.1", "network.proxy.http_port": proxy.port,
                 "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": proxy.port,
                 "network.proxy.no_proxies_on": "", "network.proxy.allow_hijacking_localhost": True}
        Path(profile_dir).mkdir(parents=True, exist_ok=True)
        Path(profile_dir, "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()))
        env = {**os.environ, "MOZ_HEADLESS": "1", "MOZ_HEADLESS_WIDTH": str(width),
               "MOZ_HEADLESS_HEIGHT": str(height), "MOZ_CRASHREPORTER_DISABLE": "1"}
        self.process = subprocess.Popen([path, "--headless", "--marionette", "--no-remote", "--profile",
                                         str(profile_dir), "about:blank"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._socket = self._connect()
        self._id = 0
        self.command("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": False}}})

    def _connect(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
                sock.settimeout(60)
                self._buffer = b""
                self._socket = sock
                self._read()  # the server's hello
                return sock
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("Firefox exited before Marionette answered")
                time.sleep(0.3)
        raise TimeoutError("Marionette did not answer")

    def _read(self):
        while b":" not in self._buffer:
            self._buffer += self._recv()
        size, _, rest = self._buffer.partition(b":")
        size = int(size)
        while len(rest) < size:
            rest += self._recv()
        self._buffer = rest[size:]
        return json.loads(rest[:size])

    def _recv(self):
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionError("Marionette closed the connection")
        return chunk

    def command(self, name, params=None):
        """Send a Marionette command; return its result, or raise with its error."""
        self._id += 1
        body = json.dumps([0, self._id, name, params or {}]).encode()
        self._socket.sendall(str(len(body)).encode() + b":" + body)
        while True:
            kind, message_id, error, result = self._read()
            if kind == 1 and message_id == self._id:
                if error:
                    raise RuntimeError(f"{name}: {error.get('error')}: {error.get('message')}")
                return result

    def navigate(self, url):
        self.command("WebDriver:Navigate", {"url": url})

    def run(self, script, *args):
        """Run ``script`` (a function body; ``arguments`` holds ``args``) in the page; return its value."""
        return self.command("WebDriver:ExecuteScript", {"script": script, "args": list(args)})["value"]

    def wait_for(self, script, *args, timeout=20):
        """Run ``script`` until it returns a true value; raise TimeoutError after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.run(script, *args):
                return True
            time.sleep(0.1)
        raise TimeoutError(f"never true: {script}")

    def press(self, key):
        """Press and release ``key`` as a user would (real key events to the focused element)."""
        code = KEYS.get(key, key)
        self.command("WebDriver:PerformActions", {"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": code}, {"type": "keyUp", "value": code}]}]})
        self.command("WebDriver:ReleaseActions")

    def screenshot(self, path):
        """Save the viewport as a PNG at ``path``."""
        import base64

        Path(path).write_bytes(base64.b64decode(self.command("WebDriver:TakeScreenshot", {"full": False})["value"]))

    def close(self):
        try:
            self.command("Marionette:Quit", {"flags": ["eForceQuit"]})
        except Exception:
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
