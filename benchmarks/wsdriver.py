"""A Streamlit session without a browser: speaks the app's websocket protocol to move the year slider.

Thirty Chromium tabs on a two-core machine would measure Chromium; this
driver sends exactly what the browser sends on a slider move (a
``rerun_script`` BackMsg with the slider's new value) and times the server's
answer up to its ``script_finished`` message. It does not draw anything, so
its figures are the server's share of a move (the browser adds its own
drawing time, measured by slider_latency.py).
"""

import asyncio
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import DoubleArray
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

__all__ = ["Session", "SessionError"]

EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_WITH_COMPILE_ERROR")


class SessionError(Exception):
    """The server closed the session, showed an exception, or did not answer in time."""


class Session:
    """One browser-less session on ``url`` (``http://host:port``), holding the slider's widget id."""

    def __init__(self, url, label="Years", timeout=120):
        self.url = url.rstrip("/")
        self.label = label
        self.timeout = timeout
        self.slider = None  # (widget id, min, max)
        self.page_hash = ""
        self.bytes = 0

    async def __aenter__(self):
        ws_url = "ws" + self.url[len("http"):] + "/_stcore/stream"
        self.ws = await websockets.connect(ws_url, subprotocols=["streamlit"], origin=self.url,
                                           max_size=None, open_timeout=self.timeout, ping_interval=None)
        await self._run(None)
        if self.slider is None:
            raise SessionError(f"no slider labelled {self.label!r} on the page")
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def _run(self, years):
        widgets = []
        if years is not None:
            widgets.append(WidgetState(id=self.slider[0], double_array_value=DoubleArray(data=list(years))))
        message = BackMsg(rerun_script=ClientState(query_string="", page_script_hash=self.page_hash,
                                                   widget_states=WidgetStates(widgets=widgets)))
        await self.ws.send(message.SerializeToString())
        deadline = time.monotonic() + self.timeout
        problem = None
        while True:
            try:
                data = await asyncio.wait_for(self.ws.recv(), max(0.1, deadline - time.monotonic()))
            except (asyncio.TimeoutError, TimeoutError):
                raise SessionError(f"no answer within {self.timeout} s") from None
            except websockets.ConnectionClosed as error:
                raise SessionError(f"connection closed: {error}") from None
            self.bytes += len(data)
            forward = ForwardMsg.FromString(data)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = forward.new_session.page_script_hash
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                if which == "slider" and element.slider.label == self.label and self.slider is None:
                    self.slider = (element.slider.id, element.slider.min, element.slider.max)
                elif which == "exception":
                    problem = f"exception on the page: {element.exception.message}"
            elif kind == "script_finished" and forward.script_finished != EARLY_FOR_RERUN:
                if forward.script_finished == COMPILE_ERROR:
                    problem = "the script did not compile"
                break
        if problem:
            raise SessionError(problem)

    async def move(self, years):
        """Set the slider to ``years`` (first, last); return seconds until the server finished the run."""
        start = time.monotonic()
        await self._run(years)
        return time.monotonic() - start
