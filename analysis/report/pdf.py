"""HTML → PDF (and screenshots) with headless Chromium — Debian's ``chromium`` package — fully offline.

Why this route: the PDF is the very page the HTML reader sees (same CSS, charts and tables); Chromium's
print engine honours ``@page`` margin boxes (page numbers, running title) and ``break-inside: avoid``
(a chart is never cut in two); and it prints a brief in well under a second once started. nbconvert's
WebPDF exporter drives the same engine through Playwright, which wants its own browser build downloaded
from a CDN; the LaTeX route needs a TeX installation, turns HTML tables into plain text and is slower.

The browser is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: no port, no
network), so it can be started while the notebook still runs and reused for several reports::

    >>> with Browser() as browser:                                        # doctest: +SKIP
    ...     browser.print_pdf("reports/brief/brief.html", "reports/brief/brief.pdf")
"""
from __future__ import annotations

import atexit
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.errors import NewsframeError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags that keep a headless Chromium off the network and quiet in a container or under cron.
FLAGS = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
         "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars", "--no-default-browser-check",
         "--remote-debugging-pipe"]


# Chromium reads DevTools commands on fd 3 and answers on fd 4. This trampoline moves the pipe ends there
# (by way of fds >= 10, so that neither overwrites the other), asks Linux to SIGKILL it when the Python
# process that started it dies, however that dies (the request survives exec; SIGKILL also ends a hung
# browser, and its helper processes leave once their browser is gone), leaves at once if that process
# is already gone, and then becomes Chromium.
TRAMPOLINE = ("import fcntl, os, sys\n"
              "if sys.platform == 'linux':\n"
              "    import ctypes\n"
              "    ctypes.CDLL(None).prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL\n"
              "if os.getppid() != int(sys.argv[1]):\n"
              "    sys.exit(1)\n"
              "r, w = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[2:4])\n"
              "os.dup2(r, 3); os.dup2(w, 4); os.close(r); os.close(w)\n"
              "os.execv(sys.argv[4], sys.argv[4:])\n")


PROFILE_PREFIX = "newsframe-chromium-"
STALE_PROFILE_SECONDS = 3600   # a profile of an older version (no pid in its name) this old is left over


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_profiles(root: str | None = None) -> list[Path]:
    """Remove the browser profiles that killed runs left in the temp folder: those whose owning process
    (the pid in the name) is gone, and unnamed ones older than an hour."""
    gone = []
    for path in Path(root or tempfile.gettempdir()).glob(f"{PROFILE_PREFIX}*"):
        owner = path.name[len(PROFILE_PREFIX):].split("-", 1)[0]
        try:
            stale = (not _pid_alive(int(owner))) if owner.isdigit() else \
                time.time() - path.stat().st_mtime > STALE_PROFILE_SECONDS
        except OSError:
            continue
        if stale and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            gone.append(path)
    return gone


class ChromiumMissing(NewsframeError):
    """No Chromium to print PDFs with."""


class BrowserError(RuntimeError):
    """Chromium failed, or did not answer in time."""


def find_chromium() -> str:
    """The Chromium binary: ``$NEWSFRAME_CHROMIUM``, else the first of chromium, chromium-browser, google-chrome."""
    override = os.environ.get("NEWSFRAME_CHROMIUM")
    if override:
        if shutil.which(override):
            return shutil.which(override)
        raise ChromiumMissing(f"NEWSFRAME_CHROMIUM={override} is not an executable — point it at chromium or unset it")
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    raise ChromiumMissing("chromium not found, needed for PDF output — run scripts/install-system-deps.sh "
                          "(apt-get install chromium) or ask for --format html")


class Browser:
    """One headless Chromium process, spoken to over the DevTools pipe (fd 3 in, fd 4 out).

    Chromium leads its own process group, so ``close()`` can kill its whole tree (zygotes, renderers, GPU
    process) and a job worker's SIGTERM handler stops it with the job. Start it from a thread that lives
    as long as the browser (the main thread): Linux ties the die-with-parent signal to that thread."""

    def __init__(self, timeout: float = 120):
        self.timeout = timeout
        sweep_profiles()
        self.profile = tempfile.mkdtemp(prefix=f"{PROFILE_PREFIX}{os.getpid()}-")
        cmd = [find_chromium(), *FLAGS, f"--user-data-dir={self.profile}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--no-sandbox")       # Chromium refuses to run as root with its sandbox
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        self.proc = subprocess.Popen([sys.executable, "-S", "-I", "-c", TRAMPOLINE, str(os.getpid()), str(to_child_r),
                                      str(from_child_w), *cmd, "about:blank"], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     pass_fds=(to_child_r, from_child_w), env={**os.environ, "HOME": self.profile},
                                     process_group=0)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []

    # -- protocol -------------------------------------------------------------------------------
    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._to_child, data):]
        return self._next_id

    def _read_message(self, deadline: float) -> dict:
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError(f"chromium did not answer within {self.timeout:.0f} s")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise BrowserError(f"chromium exited (status {self.proc.poll()})")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one command and wait for its result (events that arrive meanwhile are kept)."""
        wanted = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._read_message(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self._events.append(message)

    def wait_event(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == method and event.get("sessionId") == session:
                    return self._events.pop(i)
            message = self._read_message(deadline)
            if "method" in message:
                self._events.append(message)

    # -- pages ----------------------------------------------------------------------------------
    def _open(self, url: str, width: int = 1200, height: int = 900) -> tuple[str, str]:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                         "mobile": False}, session)
        self.call("Page.enable", session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session)
        return target, session

    def print_pdf(self, html_path: str | Path, pdf_path: str | Path) -> Path:
        """Print an HTML file to PDF; paper size and margins come from the page's ``@page`` CSS."""
        html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
        target, session = self._open(html_path.as_uri())
        try:
            result = self.call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                                   "displayHeaderFooter": False, "generateTaggedPDF": True,
                                                   "generateDocumentOutline": True}, session)
        finally:
            self.call("Target.closeTarget", {"targetId": target})
        pdf_path.write_bytes(base64.b64decode(result["data"]))
        return pdf_path

    def screenshot(self, html_path: str | Path, png_path: str | Path, width: int = 1200) -> Path:
        """A PNG of the whole page as a browser shows it at ``width`` CSS pixels."""
        html_path, png_path = Path(html_path).resolve(), Path(png_path)
        target, session = self._open(html_path.as_uri(), width=width)
        try:
            result = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)
        finally:
            self.call("Target.closeTarget", {"targetId": target})
        png_path.write_bytes(base64.b64decode(result["data"]))
        return png_path

    def close(self) -> None:
        """Ask Chromium to quit, then kill whatever is left of its process group (a helper that outlived
        the browser, or a browser that did not answer), and remove its profile."""
        if self.proc.returncode is None:   # not reaped before: the group's id is still this browser's
            if self.proc.poll() is None:
                try:
                    self._send("Browser.close")
                    self.proc.wait(timeout=5)
                except (OSError, subprocess.TimeoutExpired, BrowserError):
                    pass
            self._kill_group()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def _kill_group(self) -> None:
        """SIGKILL Chromium's process group (its id is the browser's pid: it leads the group), then reap.
        Only right after the browser was reaped, or before: later its pid could name another group."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_shared: Browser | None = None


def shared_browser() -> Browser:
    """A browser kept for the life of this process (a batch worker prints many PDFs with one)."""
    global _shared
    if _shared is None or _shared.proc.poll() is not None:
        _shared = Browser()
        atexit.register(_shared.close)
    return _shared


# The brief's own screen-only elements (evidence.py writes them; none nests its own tag, and article text
# inside them is escaped, so no "</tr>" of a news text can end one early).
SCREEN_ONLY = re.compile(r'<(tr|div|p) class="[^"]*\bnf-screen-only\b[^"]*">.*?</\1>', re.S)


def print_copy(markup: str) -> str:
    """The HTML without its screen-only elements: what the print stylesheet would hide anyway. Chromium
    still parses and styles hidden rows, so a 10,000-article brief (thousands of rows listed on screen,
    60 printed) prints in about a second from this copy instead of ten from the whole page."""
    return SCREEN_ONLY.sub("", markup)


def print_pdf(html_path: str | Path, pdf_path: str | Path) -> Path:
    """Print one HTML file to PDF with the process's shared browser, from a copy beside it without the
    screen-only rows (``print_copy``; the same pages, much faster), removed afterwards."""
    html_path = Path(html_path)
    copy = html_path.with_name(f".{html_path.stem}.print.html")
    copy.write_text(print_copy(html_path.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        return shared_browser().print_pdf(copy, pdf_path)
    finally:
        copy.unlink(missing_ok=True)


def screenshot(html_path: str | Path, png_path: str | Path, width: int = 1200) -> Path:
    return shared_browser().screenshot(html_path, png_path, width)
