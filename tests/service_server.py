"""A real `copydesk serve` process on a free loopback port, and a small HTTP client.

`conftest.py` exposes one as the session fixture `copydesk_server`; a test that needs
other settings starts its own with `ServiceServer(tmp_path, serve={...})`.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Secrets the test servers trust, one per scheme, given as the environment gives them.
SECRETS = {
    "standard": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "wordpress": "whsec_dGVzdC13b3JkcHJlc3Mtc2VjcmV0LWtleQ==",
    "arc": "arc-test-secret",
    "contentful": "contentful-test-secret-of-sixty-four-characters-0123456789abcdef",
    "sanity": "sanity-test-secret",
}


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServiceServer:
    def __init__(self, folder: Path, serve: dict[str, Any] | None = None,
                 secrets: dict[str, str] | None = None, workers: int = 1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "serve.log"
        config = folder / "copydesk.toml"
        config.write_text("[serve]\n" + "".join(f"{k} = {json.dumps(v)}\n"
                                                 for k, v in (serve or {}).items()))
        env = {k: v for k, v in os.environ.items() if not k.startswith("COPYDESK_")}
        for scheme, secret in (SECRETS if secrets is None else secrets).items():
            env[f"COPYDESK_WEBHOOK_SECRET_{scheme.upper()}"] = secret
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "lint", "serve", "--port", str(self.port),
                 "--workers", str(workers), "--config", str(config)],
                cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_ready()

    def _wait_ready(self, seconds: float = 30) -> None:
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            if self.process.poll() is not None:
                raise RuntimeError(f"copydesk serve exited: {self.log.read_text()}")
            try:
                if self.request("GET", "/readyz").status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"copydesk serve did not start: {self.log.read_text()}")

    def request(self, method: str, path: str, body: bytes | str | dict | None = None,
                headers: dict[str, str] | None = None, timeout: float = 30) -> Answer:
        if isinstance(body, dict):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        headers = {"content-type": "application/json", **(headers or {})} if body is not None \
            else dict(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                          response.read())
        finally:
            connection.close()

    def check(self, **request: Any) -> Answer:
        return self.request("POST", "/v1/check", request)

    def stop(self) -> int:
        """Stop as an operator would (SIGTERM); the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode
