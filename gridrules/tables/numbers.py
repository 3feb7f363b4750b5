"""Numbers in a table: a number cell read as Excel shows it, and a number typed as text read as people type one.

* A number cell is read as the value its cell shows (``shown``): Excel keeps 15 significant digits and shows no
  more, so a formula's 0.1+0.2, stored as 0.30000000000000004, is 0.3 -- the number the clerk sees, not a
  change of 0.3 into something a little more.
* A number typed as text (``cell_number``) may group its thousands, as English and Chinese both write them:
  1,320, 1，320 (the full-width comma of a Chinese keyboard), 1,320.5, in full-width digits too (１，３２０).
  Read so only when unambiguous: each group after the first of three digits, the first of one to three, before
  any decimal point.  Any other comma (1,32; 12,5 a decimal comma; 1,3200) says no one number for sure:
  ``AmbiguousNumber``, naming what to write instead, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from gridrules.catalogue import t
from gridrules.catalogue.humane import written_number
from gridrules.catalogue.validation import not_a_number, number_with_unit

SIGNIFICANT = 15  # the digits Excel keeps of a number, and shows at most
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


class AmbiguousNumber(ValueError):
    """A number typed with a comma that is no thousands separator for sure; ``choices``: the numbers it may
    mean, as they are written plainly."""

    def __init__(self, text: str, choices: list[str]):
        super().__init__(text)
        self.choices = choices


def shown(value: float) -> str:
    """A number cell's value as Excel shows it: at most 15 significant digits, no exponent, no trailing zeros
    (0.30000000000000004 → 0.3, 6.000000000000001 → 6, 1e-07 → 0.0000001)."""
    text = format(Decimal(f"{value:.{SIGNIFICANT}g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def cell_number(text: str, whole: bool = False) -> float | int:
    """``text`` as a number (``humane.written_number``: full-width digits, blanks around it), its thousands
    grouped or not; ``AmbiguousNumber`` for a comma that may be read two ways, ValueError for no number."""
    plain = unicodedata.normalize("NFKC", text).strip()  # ，is ,
    if "," not in plain:
        return written_number(plain, whole)
    if _GROUPED.fullmatch(plain):
        return written_number(plain.replace(",", ""), whole)
    written_number(plain.replace(",", ""))  # ValueError: no number whatever its commas mean (1,2a)
    raise AmbiguousNumber(text, _choices(plain, whole))


def is_number(text: str) -> bool:
    """Whether ``text`` is a number as a cell holds one (grouped or not, its comma readable or not): in a column of
    names, a number is no name (a code or a count typed one column over)."""
    try:
        cell_number(text)
    except AmbiguousNumber:
        return True
    except ValueError:
        return False
    return True


def read_cell(text: str, whole: bool = False) -> tuple[float | int | None, str | None]:
    """(the number a cell's ``text`` is, None), or (None, why it is refused, saying what to write instead); a
    whole number (``whole``) is one of at least 0 (a count: 户数)."""
    try:
        value = cell_number(text, whole)
    except AmbiguousNumber as exc:
        return None, t("sheet.number_grouping", value=text, choices=t("words.or").join(exc.choices))
    except ValueError:
        if whole:
            return None, t("sheet.not_count", value=text)
        # a number with its unit (80元): the number alone; anything else: how a number is written in a cell
        return None, not_a_number(text) if number_with_unit(text) else t("input.not_number", value=text) + t(
            "sheet.write_number")
    if whole and value < 0:
        return None, t("sheet.not_count", value=text)
    return value, None


def _choices(plain: str, whole: bool) -> list[str]:
    """What a number with an unreadable comma may be written as: its digits without the commas, and (one
    comma, no point: a decimal comma) the comma read as the decimal point, where a decimal is taken."""
    out = [plain.replace(",", "")]
    if plain.count(",") == 1 and "." not in plain and not whole:
        out.append(plain.replace(",", "."))
    return out
