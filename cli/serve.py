"""``gridrules serve``: the HTTP service (FastAPI on uvicorn)."""

from __future__ import annotations

import os

import click

from gridrules.catalogue import ENV, language, t

from gridrules.errors import LogUnavailable
from gridrules.log import open_log
from gridrules.log.open import shown_url
from gridrules.engine.loading import load_pack
from gridrules.service.config import DEFAULT_PATH, load_config

from .common import pack_option
from .log import not_blank

CONFIG_HELP = "The service's configuration: tokens, limits, CORS."


@click.command("serve")
@pack_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (each loads the pack; changes reach all of them).")
@click.option("--config", "config_path", default=DEFAULT_PATH, type=click.Path(dir_okay=False), show_default=True,
              help=CONFIG_HELP)
@click.option("--timeout-keep-alive", type=click.IntRange(1, 600), default=5, show_default=True,
              help="Seconds an idle connection is kept open.")
@click.option("--log", "log_url", metavar="URL", callback=not_blank,
              help="The decision log every decision is appended to before it is answered: sqlite:///RELATIVE/PATH, sqlite:////ABSOLUTE/PATH or "
                   "postgresql://…; default: decisions.sqlite next to the pack folder (the bundled pack: next to "
                   "--config); 'off': no log (an empty value is refused, never taken for the default).")
@click.option("--no-access-log", "quiet", is_flag=True,
              help="Write no access line per request on stderr (X-Request-Id is still on every answer).")
def serve(pack_dir: str | None, host: str, port: int, workers: int, config_path: str, timeout_keep_alive: int,
          log_url: str | None, quiet: bool) -> int:
    """Serve decisions, the pack's lists and the workflow over HTTP (OpenAPI at /openapi.json, docs at /docs),
    and pages for people at /ui (log in with a token)."""
    pack = load_pack(pack_dir)  # a bad pack or configuration stops here, with its message
    config = load_config(config_path)
    if not any(not r.revoked for r in config.tokens):  # none a request may present
        click.echo("gridrules: " + t("serve.no_token", config=config_path), err=True)
    os.environ[ENV] = language()  # every worker answers in the language chosen here (a request may ask for another)
    from gridrules.pages.app import FACTORY  # FastAPI, uvicorn and Jinja2 load only for this command
    from gridrules.service import run

    from gridrules.service.app import NO_LOG, default_log_url

    if log_url not in (None, NO_LOG):
        try:
            open_log(log_url).close()  # a log that cannot be opened stops here, with its message
        except LogUnavailable as exc:  # its database down: an outage, not bad input (exit 2, saying so)
            click.echo("gridrules: " + t("serve.log_unreachable", why=exc), err=True)
            return 2
    sock = run.listening_socket(host, port)  # a port in use stops here, with its message
    url = default_log_url(pack_dir, config_path) if log_url is None else log_url
    click.echo(t("serve.started", name=pack.info.name, version=pack.info.version, digest=pack.info.digest,
                 host=host, port=port, workers=workers,
                 log=t("serve.no_log") if url == NO_LOG else shown_url(url)), err=True)
    run.serve(pack_dir, config_path, host, port, workers, timeout_keep_alive, log_url, FACTORY, sock,
              access_log=not quiet)
    return 0


COMMANDS = [serve]
