"""One convention for every command: ``--lang`` and ``--debug`` anywhere on the line, help in
the chosen language (Chinese by default, the commands' own English with ``--lang en``), and
click's own words (usage, option errors) in Chinese too."""

from __future__ import annotations

import gettext
from typing import Any, Iterator

import click
import click.formatting

from gridrules.catalogue import LANGS, language, set_language, t
from gridrules.catalogue.help import CLICK, chinese_help, examples_of

from .table import Layout

# click's modules that call gettext as ``_`` / ``ngettext``: their words follow our language
_CLICK_MODULES = ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui", "utils")


def commands(group: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    """Every command under ``group`` (itself included), with its path ("admission approve")."""
    yield " ".join(path), group
    if isinstance(group, click.Group):
        for name, sub in sorted(group.commands.items()):
            yield from commands(sub, path + (name,))


def _set_lang(ctx: click.Context, _param: Any, value: str | None) -> None:
    if value is not None:
        set_language(value)


def _set_wide(ctx: click.Context, _param: Any, value: bool) -> None:
    if value:
        Layout.wide = True


def add_shared_options(group: click.Command) -> None:
    """``--lang``, ``--wide`` and ``--debug`` on every command (main() reads ``--debug`` wherever it stands)."""
    for _path, command in commands(group):
        names = {opt for p in command.params for opt in getattr(p, "opts", ())}
        if "--lang" not in names:
            command.params.append(click.Option(
                ["--lang"], type=click.Choice(LANGS), default=None, expose_value=False, is_eager=True,
                callback=_set_lang, help="Language of messages and help: zh (default) or en (for developers)."))
        if "--wide" not in names:
            command.params.append(click.Option(
                ["--wide"], is_flag=True, expose_value=False, callback=_set_wide,
                help="Tables are not wrapped to the terminal's width (one line per row)."))
        if "--debug" not in names:
            command.params.append(click.Option(
                ["--debug"], is_flag=True, expose_value=False, help="Show a traceback for unexpected errors."))


def language_from(args: list[str]) -> str:
    """``--lang X`` or ``--lang=X`` anywhere on the line (before ``--``), else the environment's."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    return language()


_CLICK_WRAP = click.formatting.wrap_text
_CLICK_LEN = click.formatting.term_len
_ENGLISH: dict[int, tuple[str | None, dict[str, str | None]]] = {}  # id(command) -> its own English help


def apply_language(group: click.Command, lang: str) -> None:
    """Help texts and click's words in ``lang`` (the English ones kept to switch back)."""
    set_language(lang)
    for path, command in commands(group):
        own = _ENGLISH.setdefault(id(command), (command.help, {p.name or "": getattr(p, "help", None)
                                                                for p in command.params}))
        shown = examples_of(path, isinstance(command, click.Group))
        if shown:  # "\b": click keeps the lines as written
            command.epilog = t("help.examples") + "\n\n\b\n" + "\n".join(f"  {line}" for line in shown)
        if lang == "en":
            command.help = own[0]
            command.short_help = None
            for p in command.params:
                if isinstance(p, click.Option):
                    p.help = own[1].get(p.name or "")
            continue
        text = chinese_help(path)
        if text is not None:
            command.help = text
            command.short_help = None
        for p in command.params:
            if isinstance(p, click.Option):
                zh = chinese_help(f"{path} {p.opts[-1] if p.opts else ''}".strip()) or chinese_help(
                    f"{path} {p.opts[0]}".strip())
                if zh is not None:
                    p.help = zh
    _click_words(lang)


def _click_words(lang: str) -> None:
    import importlib

    def one(message: str) -> str:
        return CLICK.get(message, message) if lang == "zh" else message

    def many(singular: str, plural: str, n: int) -> str:
        return one(singular if n == 1 else plural)

    import click.formatting

    from .columns import click_wrap_text, width

    if lang == "zh":
        click.formatting.wrap_text = click_wrap_text  # type: ignore[assignment]
        click.formatting.term_len = width  # type: ignore[assignment]
    else:
        click.formatting.wrap_text = _CLICK_WRAP
        click.formatting.term_len = _CLICK_LEN
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = one if lang == "zh" else gettext.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = many if lang == "zh" else gettext.ngettext  # type: ignore[attr-defined]
