"""Start the dashboard on a free local port for browser tests and benchmarks."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from .paths import ROOT

__all__ = ["free_port", "start_app", "wait_until_up"]


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
