"""Headless Chromium for the tests, driven over the DevTools protocol on a pipe.

``--remote-debugging-pipe`` has Chromium read commands on its file descriptor 3 and write
replies and events on 4, each a JSON object ended by a NUL byte: no port, no websocket library,
no browser download (Debian's ``chromium`` package, installed by ``make chromium-deps``). Every
event a page raises is kept, so that a test can read its console errors and network requests.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
TIMEOUT = 30.0
"""Seconds to wait for one reply or event before a test fails rather than hangs."""


class Chromium:
    """One headless browser with a fresh profile in ``profile``."""

    def __init__(self, profile: Path) -> None:
        to_read, to_write = os.pipe()
        from_read, from_write = os.pipe()
        # descriptors above 9, so that moving them to 3 and 4 in the child overwrites neither
        commands = fcntl.fcntl(to_read, fcntl.F_DUPFD, 10)
        replies = fcntl.fcntl(from_write, fcntl.F_DUPFD, 10)
        os.close(to_read)
        os.close(from_write)

        def pipes_on_3_and_4() -> None:
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self.process = subprocess.Popen(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=pipes_on_3_and_4,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands)
        os.close(replies)
        self._out, self._in = to_write, from_read
        self._buffer = b""
        self._last = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Run one protocol command and return its result (events met meanwhile are kept)."""
        self._last += 1
        message: dict[str, Any] = {"id": self._last, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._last:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """The first event ``method`` of ``session`` not seen yet (waiting for it if need be)."""
        for index, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return dict(self.events.pop(index))
        while True:
            event = self._read()
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed its pipe")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(line))

    def open(self, url: str, width: int = 1200, height: int = 900) -> Page:
        """A new tab showing ``url``, loaded, with its console and network recorded."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable", session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Page.navigate", session, url=url)
        self.wait_for("Page.loadEventFired", session)
        return Page(self, session)

    def close(self) -> None:
        with suppress(OSError, EOFError, RuntimeError, TimeoutError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._out)
        os.close(self._in)


class Page:
    """One loaded tab."""

    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser = browser
        self.session = session

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.send(method, self.session, **params)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (raises on a script error)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element ``selector`` names."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )

    def type_into(self, selector: str, text: str) -> None:
        """Focus the field ``selector`` names and type ``text`` as a keyboard would."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)

    def events(self, *methods: str) -> list[dict[str, Any]]:
        """The events of this page named ``methods`` so far."""
        return [
            e
            for e in self.browser.events
            if e.get("sessionId") == self.session and e.get("method") in methods
        ]

    def console_errors(self) -> list[str]:
        """Uncaught exceptions, console.error/assert calls and error log entries."""
        found = [
            str(e["params"]["exceptionDetails"]) for e in self.events("Runtime.exceptionThrown")
        ]
        found += [
            str(e["params"]["args"])
            for e in self.events("Runtime.consoleAPICalled")
            if e["params"]["type"] in ("error", "assert")
        ]
        found += [
            str(e["params"]["entry"])
            for e in self.events("Log.entryAdded")
            if e["params"]["entry"]["level"] == "error"
        ]
        return found

    def requests(self) -> list[str]:
        """The URL of every request the page made, its own file included."""
        return [e["params"]["request"]["url"] for e in self.events("Network.requestWillBeSent")]

    def screenshot(self, path: Path, height: int | None = None, scale: float = 1.0) -> bytes:
        """A PNG of the page from the top (``height`` CSS pixels, or all of it)."""
        width = self.evaluate("document.documentElement.scrollWidth")
        full = self.evaluate("document.documentElement.scrollHeight")
        clip = {"x": 0, "y": 0, "width": width, "height": min(height or full, full), "scale": scale}
        shot = self.send(
            "Page.captureScreenshot", format="png", captureBeyondViewport=True, clip=clip
        )
        data = base64.b64decode(shot["data"])
        path.write_bytes(data)
        return data

    def pdf(self, path: Path) -> bytes:
        """The page printed as its print styles say (A4), backgrounds included."""
        printed = self.send("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
        data = base64.b64decode(printed["data"])
        path.write_bytes(data)
        return data


@contextmanager
def chromium(profile: Path) -> Iterator[Chromium]:
    """A browser for the length of a ``with`` block."""
    browser = Chromium(profile)
    try:
        yield browser
    finally:
        browser.close()
