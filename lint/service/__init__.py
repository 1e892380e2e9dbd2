"""`copydesk serve`: the HTTP front end (FastAPI + uvicorn, the `server` extra).

Importing this package loads neither; `launch` does, after checking they are there,
so the CLI's other commands never pay for them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import tempfile
from pathlib import Path


class ServeError(Exception):
    """The service cannot start: the message is the one line the CLI prints."""


def launch(host: str, port: int, workers: int, config_path: Path | None) -> None:
    """Validate the configuration and secrets, then serve until SIGINT or SIGTERM
    (in-flight requests are finished first)."""
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError as exc:
        raise ServeError(f"`copydesk serve` needs the `server` extra ({exc.name} is not "
                           "installed): pip install 'copydesk[server]'") from None

    from lint.engine import Linter
    from lint.service.app import CONFIG_VARIABLE, REPLAY_VARIABLE, service_config
    from lint.service.settings import load_settings

    config = service_config(config_path)
    Linter(config)  # every configuration mistake is a ConfigError now, not in a worker
    load_settings(config)
    try:  # a port already taken is one clear line, not uvicorn's start-up failure
        socket.create_server((host, port)).close()
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise ServeError(f"cannot listen on {host}:{port}: {reason}") from None
    replay = tempfile.mkdtemp(prefix="copydesk-replay-")
    os.environ[CONFIG_VARIABLE] = str(config.path or "")
    os.environ[REPLAY_VARIABLE] = replay
    # uvicorn finishes the requests in flight, then raises the signal it caught again
    # with the handlers it found: these, so the command ends cleanly, with exit code 0.
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        uvicorn.run("lint.service.app:app_from_environment", factory=True, host=host,
                    port=port, workers=workers, access_log=False, server_header=False,
                    http="lint.service.protocol:HeaderTimeoutProtocol",
                    timeout_graceful_shutdown=10, log_level="info")
    except _Stopped:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        shutil.rmtree(replay, ignore_errors=True)


class _Stopped(Exception):
    pass


def _stop(signum, frame) -> None:
    raise _Stopped
