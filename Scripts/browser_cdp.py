#!/usr/bin/env python3
"""Drives headless Chromium through the DevTools protocol over a pipe, for the browser tests.

Standard library only: Chromium is started with --remote-debugging-pipe (commands on its fd 3,
answers and events on its fd 4, each message JSON ended by a NUL byte), so no WebDriver, no
websocket client and nothing downloaded. The browser may resolve only localhost and 127.0.0.1
(--host-resolver-rules), and its background services (sync, updates, safe browsing) are off.

  browser_cdp.py --chromium /usr/bin/chromium --steps steps.json --screenshots DIR [--timeout 120]
                 [--report report.jsonl]

steps.json is a list of steps, run in order in one tab (so cookies carry from step to step):
  {"goto": URL}                          load URL, wait until the new document is complete; each
                                         {{NAME}} in URL is replaced by what "remember" kept
  {"remember": CSS, "as": NAME}          keep the element's text (a link the page shows, to follow)
  {"fill": CSS, "value": TEXT}           focus the field, clear it, type TEXT (real input events)
  {"click": CSS}                         click the element's centre with the mouse; waits for the
                                         page that follows when "navigates" is true (the default)
  {"expectText": TEXT}                   the page's visible text contains TEXT
  {"expectNoText": TEXT}                 ... does not contain TEXT
  {"expectStatus": N}                    the HTTP status of the current document is N
  {"expectURL": TEXT}                    the current URL contains TEXT
  {"screenshot": NAME}                   NAME-desktop.png (1280x800) and NAME-phone.png (390x844),
                                         each the whole page, in the screenshots folder
Prints one JSON line per step ({"step": i, "ok": bool, "url", "status", "error"?}, also to --report)
and stops at the first failing step. Exit status: 0 all steps passed, 1 a step failed, 2 the browser could not
be started or answered too late; --timeout bounds the whole run.
"""
import argparse
import base64
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

WIDTHS = {"desktop": (1280, 800, False), "phone": (390, 844, True)}


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, chromium, deadline):
        self.deadline = deadline
        self.profile = tempfile.mkdtemp(prefix="ewp-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--remote-debugging-pipe", "--user-data-dir=" + self.profile,
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-domain-reliability",
                "--disable-client-side-phishing-detection", "--disable-extensions",
                "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                "--hide-scrollbars", "--force-color-profile=srgb", "--lang=en-GB",
                "about:blank"]

        def child_fds():
            # Out of the way first (either end may already be fd 3 or 4), then onto 3 and 4.
            reading, writing = os.dup(to_browser_r), os.dup(from_browser_w)
            reading, writing = fcntl.fcntl(reading, fcntl.F_DUPFD, 10), fcntl.fcntl(writing, fcntl.F_DUPFD, 10)
            os.dup2(reading, 3)
            os.dup2(writing, 4)
            os.setsid()

        self.log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                        pass_fds=(3, 4), preexec_fn=child_fds)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except Exception:
            pass
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def log_tail(self):
        try:
            with open(os.path.join(self.profile, "chromium.log"), "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def _read_message(self):
        import select
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("the browser did not answer before the run's time limit")
            ready, _, _ = select.select([self.from_browser], [], [], min(left, 1.0))
            if not ready:
                if self.process.poll() is not None:
                    raise BrowserError("the browser exited (status %s): %s" % (self.process.returncode, self.log_tail()))
                continue
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("the browser closed its DevTools pipe: " + self.log_tail())
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self.to_browser, data):]
        while True:
            answer = self._read_message()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise BrowserError("%s: %s" % (method, answer["error"].get("message")))
                return answer.get("result", {})
            self.events.append(answer)

    def attach(self):
        targets = self.send("Target.getTargets", session=False)["targetInfos"]
        page = next((t for t in targets if t["type"] == "page"), None)
        if page is None:
            page = {"targetId": self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]}
        self.session = self.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.metrics("desktop")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError("script failed: %s" % result["exceptionDetails"].get("text"))
        return result["result"].get("value")

    def metrics(self, kind, height=None):
        width, default_height, mobile = WIDTHS[kind]
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height or default_height, "deviceScaleFactor": 1, "mobile": mobile})

    def wait_for(self, expression, what, seconds=20):
        until = min(self.deadline, time.monotonic() + seconds)
        while time.monotonic() < until:
            try:
                if self.evaluate(expression):
                    return
            except BrowserError:
                pass  # the document is being replaced
            time.sleep(0.05)
        raise BrowserError("timed out waiting for " + what)

    def mark_document(self):
        self.evaluate("window.__ewpOldDocument = true")

    def wait_for_new_document(self):
        self.wait_for("window.__ewpOldDocument === undefined && document.readyState === 'complete'",
                      "the next page to load")

    def status(self):
        return self.evaluate("(performance.getEntriesByType('navigation')[0] || {}).responseStatus || 0")

    def text(self):
        return self.evaluate("document.body ? document.body.innerText : ''")

    def element_centre(self, selector):
        # The first box of the element: a link broken over two lines has empty space at the centre
        # of its bounding box.
        box = self.evaluate(
            "(() => { const e = document.querySelector(%s); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getClientRects()[0] || e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]; })()" % json.dumps(selector))
        if box is None:
            raise BrowserError("no element matches %s" % selector)
        if box[2] == 0 or box[3] == 0:
            raise BrowserError("the element %s is not visible" % selector)
        return box[0], box[1]

    def click(self, selector):
        x, y = self.element_centre(selector)
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def fill(self, selector, value):
        focused = self.evaluate(
            "(() => { const e = document.querySelector(%s); if (!e) return false;"
            " e.focus(); e.select && e.select(); return document.activeElement === e; })()" % json.dumps(selector))
        if not focused:
            raise BrowserError("no field matches %s (or it cannot take the focus)" % selector)
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Backspace", "code": "Backspace",
                                             "windowsVirtualKeyCode": 8})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Backspace", "code": "Backspace",
                                             "windowsVirtualKeyCode": 8})
        if value:
            self.send("Input.insertText", {"text": value})

    def screenshot(self, folder, name):
        written = []
        for kind in ("desktop", "phone"):
            self.metrics(kind)
            height = self.evaluate("Math.ceil(document.documentElement.scrollHeight)") or WIDTHS[kind][1]
            height = max(WIDTHS[kind][1], min(int(height), 6000))
            self.metrics(kind, height)
            shot = self.send("Page.captureScreenshot", {"format": "png"})
            path = os.path.join(folder, "%s-%s.png" % (name, kind))
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            written.append(path)
        self.metrics("desktop")
        return written


def run_step(browser, step, folder, remembered):
    if "goto" in step:
        url = step["goto"]
        for name, value in remembered.items():
            url = url.replace("{{%s}}" % name, value)
        browser.mark_document()
        browser.send("Page.navigate", {"url": url})
        browser.wait_for_new_document()
    elif "remember" in step:
        text = browser.evaluate("(() => { const e = document.querySelector(%s); return e ? e.textContent.trim() : null; })()"
                                % json.dumps(step["remember"]))
        if text is None:
            raise BrowserError("no element matches %s" % step["remember"])
        remembered[step["as"]] = text
    elif "fill" in step:
        browser.fill(step["fill"], step.get("value", ""))
    elif "click" in step:
        navigates = step.get("navigates", True)
        if navigates:
            browser.mark_document()
        browser.click(step["click"])
        if navigates:
            browser.wait_for_new_document()
    elif "expectText" in step:
        if step["expectText"] not in browser.text():
            raise BrowserError("the page does not say %r; it says:\n%s" % (step["expectText"], browser.text()[:1500]))
    elif "expectNoText" in step:
        if step["expectNoText"] in browser.text():
            raise BrowserError("the page says %r, which it must not:\n%s" % (step["expectNoText"], browser.text()[:1500]))
    elif "expectStatus" in step:
        status = browser.status()
        if status != step["expectStatus"]:
            raise BrowserError("HTTP status %s, expected %s" % (status, step["expectStatus"]))
    elif "expectURL" in step:
        url = browser.evaluate("location.href")
        if step["expectURL"] not in url:
            raise BrowserError("the URL is %s, expected it to contain %s" % (url, step["expectURL"]))
    elif "screenshot" in step:
        return {"files": browser.screenshot(folder, step["screenshot"])}
    else:
        raise BrowserError("unknown step %s" % json.dumps(step))
    return {}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--steps", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--report", help="also write the JSON lines to this file")
    options = parser.parse_args()
    report_file = open(options.report, "w") if options.report else None

    def report(line):
        text = json.dumps(line)
        print(text, flush=True)
        if report_file:
            report_file.write(text + "\n")
            report_file.flush()

    with open(options.steps) as f:
        steps = json.load(f)
    os.makedirs(options.screenshots, exist_ok=True)
    deadline = time.monotonic() + options.timeout
    try:
        browser = Browser(options.chromium, deadline)
    except OSError as e:
        report({"step": -1, "ok": False, "error": "cannot start %s: %s" % (options.chromium, e)})
        return 2
    try:
        try:
            browser.attach()
        except BrowserError as e:
            report({"step": -1, "ok": False, "error": str(e)})
            return 2
        remembered = {}
        for index, step in enumerate(steps):
            line = {"step": index, "ok": True}
            try:
                line.update(run_step(browser, step, options.screenshots, remembered))
            except BrowserError as e:
                line["ok"] = False
                line["error"] = str(e)
            try:
                line["url"] = browser.evaluate("location.href")
                line["status"] = browser.status()
            except BrowserError:
                pass
            report(line)
            if not line["ok"]:
                return 1
        return 0
    finally:
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
