"""Run the atlas's page once in a fresh process, so the first reader does not wait for it.

Usage: python deploy/warm.py http://127.0.0.1:8601 [more URLs]

Opens one browser-less session on each URL (Streamlit's websocket protocol)
and waits for the page's script to finish: the imports (folium, geopandas),
loading and validating the data, and building the base map are then cached
in that process. Exits 0 when every page ran, 1 otherwise; never longer than
--timeout seconds per URL.
"""

import argparse
import asyncio
import sys

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")


async def warm(url, timeout):
    """Open one session on ``url`` and wait until its script has run once."""
    ws_url = "ws" + url.rstrip("/")[len("http"):] + "/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"], origin=url.rstrip("/"), max_size=None,
                                  open_timeout=timeout, ping_interval=None) as ws:
        await ws.send(BackMsg(rerun_script=ClientState(query_string="", page_script_hash="")).SerializeToString())
        while True:
            message = ForwardMsg.FromString(await asyncio.wait_for(ws.recv(), timeout))
            if message.WhichOneof("type") == "script_finished" and message.script_finished != EARLY:
                return


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    failed = 0
    for url in args.urls:
        try:
            asyncio.run(warm(url, args.timeout))
        except Exception as error:  # a warm-up that fails only costs the first reader time
            print(f"warm-up of {url} failed: {error}", file=sys.stderr)
            failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
