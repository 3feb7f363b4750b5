"""Messages about pack files speak Chinese by default and English for developers.

The corpus is every broken pack of ``tests/pack/broken_packs`` and ``pack_messages/`` (each
breaks a copy of the bundled pack one way).  Under zh every problem is Chinese: no run of three
English words outside ids, paths and quoted values, and it still names its file (with line and
column where the fixture says where) and its field by id.  Under en the same problems are
English.  Each message key of ``catalogue/packfiles.py`` is either produced by the corpus or
listed in ``NOT_YET_PRODUCED`` (kept exact: the test fails when the list is stale)."""

from __future__ import annotations

import os
import pathlib
import re
import string

import pytest
import yaml

from packedits import apply_edit, position
from conftest import write_pack_copy

import gridrules.catalogue as catalogue
from gridrules.catalogue import set_language
from gridrules.catalogue.packfiles import PACK_MESSAGES
from gridrules.engine.loading import load_pack
from gridrules.errors import PackError

HERE = pathlib.Path(__file__).parent
CASES = sorted((HERE.parent / "pack" / "broken_packs").glob("*.yaml")) + sorted((HERE / "pack_messages").glob("*.yaml"))

_QUOTED = re.compile(r"「[^」]*」|'[^']*'|\"[^\"]*\"|`[^`]*`|\{[^}]*\}")
_ENGLISH_RUN = re.compile(r"(?<![\w./-])[A-Za-z]+ [A-Za-z]+ [A-Za-z]+(?![\w./-])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def english_run(text: str) -> str | None:
    """Three English words in a row, outside quoted values, placeholders and ids."""
    found = _ENGLISH_RUN.search(_QUOTED.sub("", text))
    return found.group(0) if found else None


class Recording(dict):
    """The catalogue, noting every key looked up."""

    def __init__(self, messages: dict, used: set[str]):
        super().__init__(messages)
        self.used = used

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)


def _apply(root: pathlib.Path, edit: dict) -> None:
    """The shared edits, and what they cannot say: bytes, links and folders."""
    path = root / edit["file"]
    if "bytes" in edit:
        path.write_bytes(bytes.fromhex(edit["bytes"]))
    elif "link_to" in edit:
        path.unlink()
        os.symlink(edit["link_to"], path)
    elif "folder" in edit:
        path.mkdir(parents=True)
        (path / "x.yaml").write_text(edit["folder"], encoding="utf-8")
    else:
        apply_edit(root, edit)


def broken(case_file: pathlib.Path, target: pathlib.Path, lang: str, used: set[str] | None = None):
    """(the case, its pack folder, the problems loading it gives in ``lang``, rendered in it)."""
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    root = write_pack_copy(target)
    for edit in case["edits"]:
        _apply(root, edit)
    saved = catalogue.MESSAGES
    set_language(lang)
    try:
        if used is not None:
            catalogue.MESSAGES = Recording(saved, used)
        with pytest.raises(PackError) as caught:
            load_pack(root)
        return case, root, [(p, str(p)) for p in caught.value.problems]
    finally:
        catalogue.MESSAGES = saved
        set_language(None)


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_chinese_by_default_naming_the_file_position_and_field(case_file, tmp_path):
    case, root, found = broken(case_file, tmp_path / "pack", "zh")
    for problem, shown in found:
        assert _CJK.search(problem.message), shown
        assert english_run(problem.message) is None, f"English left in: {shown}"
        assert shown.startswith(str(problem.location)) and str(root) in shown
        if problem.field:
            assert problem.field in shown
    for want in case["expect"]:
        prefix = f"{root}/{want['file']}"
        if "at" in want:
            text = (root / want["file"]).read_text(encoding="utf-8")
            line, col = position(text, want["at"], want.get("offset", 0))
            prefix += f":{line}:{col}"
        located = [shown for _, shown in found if shown.startswith(prefix + ":") or shown == prefix]
        assert located, f"{case['description']}: nothing at {prefix}:\n  " + "\n  ".join(s for _, s in found)
        if "zh" in want:
            assert any(want["zh"] in shown for shown in located), "\n  ".join(located)


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_english_for_developers(case_file, tmp_path):
    _, _, found = broken(case_file, tmp_path / "pack", "en")
    for problem, shown in found:
        words = re.sub(r"\([^)]*\)|（[^）]*）", "", _QUOTED.sub("", problem.message))
        assert re.search(r"[A-Za-z]+ [A-Za-z]+", problem.message), shown
        assert not _CJK.search(words), f"Chinese in --lang en: {shown}"


# Keys no broken pack of the corpus produces yet (each still has both languages, checked below).
NOT_YET_PRODUCED: set[str] = set()


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> set[str]:
    used: set[str] = set()
    for n, case_file in enumerate(CASES):
        broken(case_file, tmp_path_factory.mktemp(f"case{n}") / "pack", "zh", used)
    return used


def test_every_key_is_produced_by_some_broken_pack(produced):
    unproduced = {key for key in PACK_MESSAGES if key not in produced}
    assert unproduced == NOT_YET_PRODUCED


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(PACK_MESSAGES))
def test_each_key_speaks_both_languages(key):
    zh, en = PACK_MESSAGES[key]
    if key.startswith(("type.boolean_got", "bound.", "syntax.", "placeholder.braces", "lint.file", "lint.sep")) or zh == en:
        return  # words the languages share (true/false, ids) or the parser's own text
    assert _CJK.search(zh), key
    assert english_run(re.sub(r"\{[^}]*\}", "", zh)) is None, key
    assert not _CJK.search(en), key
