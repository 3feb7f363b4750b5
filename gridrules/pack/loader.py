"""Load a rule pack: read, then validate in three layers, then index.

1. YAML, strictly (``yamlsrc``): syntax, duplicate keys, no surprise types;
2. the published JSON Schema of each kind of file (``schemas``);
3. the pydantic models, then the rules' conditions (``conditions``), then
   cross-references across the whole pack (``crossref``).

Every problem found is reported, each as ``path:line:col: field: message``; a
later layer runs only on files the earlier ones accepted, so one mistake is not
reported three times.  ``read_pack`` either returns a ``Pack`` that can be
trusted or raises ``PackError``; ``gridrules.engine.loading`` then compiles it.
"""

from __future__ import annotations

import hashlib
import os
import threading
import weakref
from dataclasses import replace
from functools import partial
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, Mapping

from pydantic import ValidationError

from gridrules.catalogue import t
from gridrules.pack import chain, confined, crossref

from gridrules.pack import journal

from gridrules.pack import jsonschemas
from gridrules.lang.parse import suggest
from gridrules.errors import InputError, Location, PackError, Problem, model_problems
from gridrules.pack.conditions import parse_conditions
from gridrules.pack.layout import CASES_DIR, FILE_KINDS, HISTORY, kind_of
from gridrules.pack.packnames import PackNames
from gridrules.pack.pack import Pack
from gridrules.pack.yamlsrc import Document, describe_path, parse_yaml, utf8_text

YAML_SUFFIXES = (".yaml", ".yml")


def bundled_root() -> Traversable:
    """The default pack, found the way an installed package finds its data."""
    return resources.files("gridrules.rules")


def _walk(node: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        name = child.name
        if name.startswith((".", "__")):
            continue
        rel = f"{prefix}{name}"
        if child.is_dir():
            if rel != CASES_DIR:
                out.extend(_walk(child, rel + "/"))
        elif name.endswith(YAML_SUFFIXES):
            out.append((rel, child))
    return out


def _walk_folder(root: Path, prefix: str = "", problems: list[Problem] | None = None, policy: bool = True) -> list[str]:
    """The policy files of a pack folder (``policy``; else every YAML file of the folder); links and
    special files are problems, never followed -- in ``cases/`` too, though its files are no policy."""
    out: list[str] = []
    found = [] if problems is None else problems
    with os.scandir(root / prefix if prefix else root) as entries:
        children = sorted(entries, key=lambda e: e.name)
    for child in children:
        name = child.name
        if name.startswith((".", "__")):
            continue
        rel = f"{prefix}{name}"
        mode = child.stat(follow_symlinks=False).st_mode
        refused = confined.refused_entry(root, rel, mode)
        if refused is not None:
            found.append(refused)
        elif child.is_dir(follow_symlinks=False):
            listed = _walk_folder(root, rel + "/", found, policy)
            if not (policy and rel == CASES_DIR):
                out.extend(listed)
        elif name.endswith(YAML_SUFFIXES):
            out.append(rel)
    if problems is None and found:
        raise PackError(found)
    return out


def plain_files(root: Path) -> list[str]:
    """The YAML files under a folder (a pack's ``cases/``), relative to it, read as a pack's are:
    a link or a special file anywhere under it is a ``PackError`` naming it, never followed."""
    return _walk_folder(root, policy=False)


def policy_paths(root: Path) -> list[str]:
    """The relative paths of a pack folder's policy files as reading it would find them (a link or special
    file among them is left for the reading to refuse)."""
    return _walk_folder(root, problems=[])


def pack_files(root: Traversable) -> list[tuple[str, bytes]]:
    """(relative path, bytes) of every policy file of a pack, in canonical order.

    A folder is read through ``confined``: plain files only, none too large."""
    if isinstance(root, Path):
        return [(rel, confined.read_file(root, rel)) for rel in _walk_folder(root)]
    return [(rel, node.read_bytes()) for rel, node in _walk(root)]


def digest_of(files: list[tuple[str, bytes]]) -> str:
    """sha256 over the policy files in path order: ``path NUL size NUL bytes``."""
    h = hashlib.sha256()
    for rel, data in sorted(files):
        h.update(rel.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0")
        h.update(data)
    return "sha256:" + h.hexdigest()


def _shown_root(path: Any) -> str:
    if path is None:
        return str(bundled_root())
    return os.fspath(path).rstrip("/") or "/"


def read_pack(path: str | os.PathLike | None = None) -> Pack:
    """The bundled pack (``path=None``) or the pack in a folder, fully validated.

    Not yet compiled: use ``gridrules.engine.loading.load_pack`` to use a pack."""
    if path is None:
        root: Traversable = bundled_root()
    else:
        root = Path(path)
        if not root.is_dir():
            raise PackError(Problem(t("pack.not_a_folder"), Location(os.fspath(path))))
    shown = _shown_root(path)
    if isinstance(root, Path):  # a folder a change may be being written to: read it whole
        files = journal.stable_read(root, lambda: pack_files(root))
    else:
        files = pack_files(root)
    return read_files(files, shown)


# rel -> (bytes, parsed document, validated model or None): what an earlier read already did
Reusable = Mapping[str, tuple[bytes, Document, Any]]


def known_files(files: dict[str, bytes], pack: Pack) -> dict[str, tuple[bytes, Document, Any]]:
    """What ``pack`` (read from ``files``) already parsed and validated, for ``read_files(reuse=…)``."""
    return {rel: (data, pack.documents[rel], pack.files[rel]) for rel, data in files.items()
            if rel in pack.documents and rel in pack.files}


# Packs this process has read and still holds, by where they were read and their content digest:
# reading is a pure function of the two, so the same files read again (a command reads the pack
# to resolve names, then its change reads it again under the lock) give the same Pack.
_read: "weakref.WeakValueDictionary[tuple[str, str], Pack]" = weakref.WeakValueDictionary()
_read_lock = threading.Lock()


def read_files(files: list[tuple[str, bytes]], shown: str, reuse: Reusable | None = None) -> Pack:
    """Validate a pack given as (relative path, bytes); used for proposed edits too.

    ``reuse``: files an earlier read parsed (and validated): a file with the same bytes
    is not parsed (nor validated) again -- a change rewrites a few files of many.  A pack
    this process read from the same bytes and still holds is handed back as it is."""
    digest = digest_of(files)
    with _read_lock:
        known = _read.get((shown, digest))
    if known is not None:
        return known
    pack = _read_files(files, shown, digest, reuse)
    with _read_lock:
        return _read.setdefault((shown, digest), pack)


def _read_files(files: list[tuple[str, bytes]], shown: str, digest: str, reuse: Reusable | None) -> Pack:
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    models: dict[str, Any] = {}
    present = {rel for rel, _ in files}

    for needed in FILE_KINDS:
        if needed.required and needed.pattern not in present:
            problems.append(Problem(t("pack.missing_file", file=needed.pattern), Location(f"{shown}/{needed.pattern}")))

    known_paths = [k.pattern for k in FILE_KINDS if "*" not in k.pattern and "[" not in k.pattern]
    named = PackNames(dict(files))
    for rel, data in files:
        display = f"{shown}/{rel}"
        kind = kind_of(rel)
        if kind is None:
            problems.append(
                Problem(t("pack.unknown_file"), Location(display), hint=suggest(rel, known_paths))
            )
            continue
        earlier = reuse.get(rel) if reuse else None
        doc: Document | None
        found: list[Problem] = []
        if earlier is not None and earlier[0] == data:
            doc = earlier[1].renamed(display)
            if earlier[2] is not None:
                documents[rel], models[rel] = doc, earlier[2]
                continue
        else:
            try:
                text = utf8_text(data, display)  # GBK or UTF-16 (Notepad's) said so, with how to mend it
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            doc, found = parse_yaml(text, display, data)
            del text
        problems.extend(found)
        if doc is None:  # not YAML at all; duplicate keys and the like still give data
            continue
        documents[rel] = doc
        if doc.data is None:
            problems.append(Problem(t("pack.empty_file"), Location(display, 1, 1)))
            continue
        schema_problems = jsonschemas.check(doc, kind.schema, partial(named.meant, rel), rel)
        for location, field, message, hint, hint_shown in schema_problems:
            problems.append(Problem(message, location, field, hint, hint_shown))
        if schema_problems:
            continue
        try:
            models[rel] = kind.model.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(model_problems(exc, doc.locate, partial(describe_path, doc.data)))

    # Cross-references need every file's model; problems that still left a usable
    # model (a duplicate key keeps its first value) do not stop them.
    if len(models) < len(documents) or any(k.required and k.pattern not in models for k in FILE_KINDS):
        raise PackError(_in_files(problems, shown))

    history = documents.get(HISTORY)
    checked = chain.integrity(files, history.data if history is not None else None)
    indexed = Pack(root=shown, files=models, documents=documents, digest=digest, integrity=checked)
    conditions, unparsed = parse_conditions(indexed)
    pack = indexed.with_conditions(conditions)
    for rel, path, message, hint, at_key in unparsed + crossref.check(pack):
        doc = pack.documents[rel]
        location = doc.locate_key(path) if at_key else doc.locate(path)
        problems.append(Problem(message, location, describe_path(doc.data, path), hint))
    if problems:
        raise PackError(_in_files(problems, shown))
    return pack


def _in_files(problems: list[Problem], shown: str) -> list[Problem]:
    """The problems, each knowing which pack file its field is in (to name it in that file's words)."""
    inside = f"{shown.rstrip('/')}/"
    return [replace(p, pack_file=p.location.path[len(inside):])
            if p.field and p.location is not None and p.location.path.startswith(inside) else p for p in problems]


# benchmarks/ still imports these names from here (it is owned elsewhere); they read
# without compiling.  Remove once it imports ``gridrules.load_pack``.
load_pack = read_pack
load_files = read_files
