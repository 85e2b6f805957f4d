"""Start the dashboard on a free local port for browser tests and benchmarks."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from .paths import ROOT

__all__ = ["free_port", "start_app", "wait_until_up", "nginx_path", "ScaleOut"]


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process=None, timeout=90):
    """Poll ``url`` until it answers 200; raise if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the app exited with code {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def start_app(script="app.py", port=None, log=None):
    """Start ``streamlit run script`` headless on 127.0.0.1; return ``(process, base_url)``.

    The caller stops it with ``process.terminate()``.
    """
    port = port or free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / script),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/_stcore/health", process)
    except Exception:
        process.terminate()
        raise
    return process, url


def nginx_path():
    """Return the nginx binary (``$NGINX`` or on PATH, /usr/sbin included), or None."""
    candidate = os.environ.get("NGINX") or shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    return candidate if candidate and os.path.exists(candidate) else None


class ScaleOut:
    """``deploy/serve.sh processes`` on free local ports: nginx in front of that many app processes.

    Use as a context manager; ``url`` is nginx's address, :meth:`app_pids` the
    app processes' ids. Leaving stops nginx and every app it started.
    """

    def __init__(self, processes, run_dir, timeout=240):
        self.processes, self.run_dir, self.timeout = processes, str(run_dir), timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        os.makedirs(self.run_dir, exist_ok=True)
        for name in os.listdir(self.run_dir):  # a previous run's pid files name dead processes
            if name.startswith("app-") and name.endswith(".pid"):
                os.remove(os.path.join(self.run_dir, name))
        first = free_port()
        env = {**os.environ, "ATLAS_PORT": str(self.port), "ATLAS_APP_PORT": str(first), "ATLAS_RUN_DIR": self.run_dir,
               "PYTHON": sys.executable, "NGINX": nginx_path() or "nginx"}
        log = open(os.path.join(self.run_dir, "serve.log"), "w")
        # Its own session, so stopping it reaches nginx and the app processes too.
        self.process = subprocess.Popen(["bash", str(ROOT / "deploy" / "serve.sh"), str(self.processes)], cwd=ROOT,
                                        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(f"{self.url}/_stcore/health", self.process, timeout=self.timeout)
        except Exception:
            self.stop()
            raise
        return self

    def app_pids(self):
        pids = []
        for name in os.listdir(self.run_dir):
            if name.startswith("app-") and name.endswith(".pid"):
                with open(os.path.join(self.run_dir, name)) as file:
                    pids.append(int(file.read().strip()))
        return pids

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __exit__(self, *exc):
        self.stop()
