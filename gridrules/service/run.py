"""Running the service on uvicorn, with one worker or several.

Several workers share one listening socket bound here.  It is made with
``IPPROTO_TCP`` named (and ``TCP_NODELAY`` set, which Linux hands on to the
connections it accepts): uvicorn binds its shared socket with protocol 0, so in
its worker processes asyncio does not recognise the accepted connections as TCP
and leaves Nagle's algorithm on -- every small response then waits ~40 ms for
the client's delayed ACK (measured: 48 ms p50 with 2 workers against 4 ms with 1).
"""

from __future__ import annotations

import copy
import errno
import ipaddress
import os
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

from gridrules.catalogue import t
from gridrules.catalogue.syntax import os_reason
from gridrules.errors import InputError, Problem

from . import access
from .answers import MOST_HEAD
from .app import CONFIG_ENV, LOG_ENV, PACK_ENV

APP = "gridrules.service.app:from_environment"


# why a listening socket cannot be had, by errno: which option to change, and the words
_BIND_WORDS = {errno.EADDRINUSE: ("--port", "serve.port_in_use"), errno.EACCES: ("--port", "serve.port_denied"),
               errno.EADDRNOTAVAIL: ("--host", "serve.host_not_here")}


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket every worker accepts on, bound here: a port in use, a port below 1024 without
    the right, or a host not of this machine is an ``InputError`` naming the option (before the
    service says it has started)."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:  # a host name
        family = socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
    except socket.gaierror:  # a host name nobody resolves
        sock.close()
        raise InputError(Problem(t("serve.host_unknown", host=host), field="--host")) from None
    except OSError as exc:
        sock.close()
        option, key = _BIND_WORDS.get(exc.errno or 0, ("--port", "serve.cannot_listen"))
        raise InputError(Problem(t(key, host=host, port=port, reason=os_reason(exc)), field=option)) from None
    sock.set_inheritable(True)
    return sock


def logging_config(access_log: bool = True) -> dict:
    """uvicorn's logging, with the service's access lines on stderr (every worker applies it); without
    ``access_log``, none (they are INFO: the logger then takes WARNING and above only)."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    for part in ("formatters", "handlers", "loggers"):
        config[part] = config[part] | copy.deepcopy(access.LOGGING[part])
    if not access_log:
        config["loggers"][access.log.name]["level"] = "WARNING"
    return config


def serve(pack_dir: str | None, config_path: str, host: str, port: int, workers: int, keep_alive: int,
          log_url: str | None = None, factory: str = APP, sock: socket.socket | None = None,
          access_log: bool = True) -> None:
    """Serve until interrupted; each worker builds the app from the environment set here (``factory``:
    the app's import path; ``gridrules serve`` names the one with the pages; ``sock``: the socket,
    when the caller bound it: ``listening_socket``; ``access_log``: a line per request on stderr)."""
    sock = sock or listening_socket(host, port)
    os.environ[LOG_ENV] = log_url or ""
    os.environ[PACK_ENV] = os.path.abspath(pack_dir) if pack_dir else ""
    os.environ[CONFIG_ENV] = os.path.abspath(config_path)
    # uvicorn's own access log stays off: ours (``access``) names each request's id and the answer's size
    config = uvicorn.Config(factory, factory=True, host=host, port=port, workers=workers,
                            timeout_keep_alive=keep_alive, timeout_graceful_shutdown=10, limit_concurrency=1000,
                            server_header=False, access_log=False, log_level="warning",
                            # an over-long address reaches the service, which refuses it in its own words
                            h11_max_incomplete_event_size=MOST_HEAD,
                            log_config=logging_config(access_log))
    if workers == 1:
        uvicorn.Server(config).run(sockets=[sock])
        return
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
