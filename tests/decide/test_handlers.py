"""The handler at a level: the unit of the level's kind, found up the tree from the reporting grid."""

from __future__ import annotations

from examplepacks import CITY

from gridrules import Checker
from gridrules.engine.loading import load_pack

EVENT = {"id": "EV-1", "type": "MD01", "reported_at": "2026-03-02T09:00:00+08:00"}


def handlers(checker, **event):
    decision = checker.route_event(EVENT | event)
    return decision.level, decision.handler.unit, decision.handler.name


def test_each_of_five_levels_finds_its_unit_up_the_tree():
    checker = Checker(load_pack(CITY))
    grid = {"grid": "hekou-shuiwan-01"}
    assert handlers(checker, **grid) == ("grid", "hekou-shuiwan-01", "水湾村01网格")
    assert handlers(checker, **grid, spans="grids") == ("community", "hekou-shuiwan", "水湾村")
    assert handlers(checker, **grid, spans="communities") == ("town", "hekou", "河口乡综治中心")
    assert handlers(checker, **grid, spans="towns") == ("county", "baisha", "白沙县社会治理中心")
    assert handlers(checker, **grid, spans="counties") == ("city", "shicity", "示例市社会治理中心")


def test_an_unregistered_grid_is_placed_by_its_town_or_not_at_all():
    checker = Checker(load_pack(CITY))
    assert handlers(checker, grid="x-09", town="songlin", spans="towns") == ("county", "qingshan", "青山区社会治理中心")
    # no town: the county is not known (two counties), the city is (there is one)
    level, unit, _ = handlers(checker, grid="x-09", spans="towns")
    assert (level, unit) == ("county", None)
    assert checker.route_event(EVENT | {"grid": "x-09", "spans": "towns"}).flags == ["spans_units", "unknown_unit"]
    assert handlers(checker, grid="x-09", spans="counties")[1] == "shicity"


def test_a_spans_word_the_pack_does_not_declare_is_refused():
    from gridrules.errors import InputError
    import pytest

    with pytest.raises(InputError, match="spans: unknown spans value 'county'"):
        Checker(load_pack(CITY)).route_event(EVENT | {"grid": "hekou-shuiwan-01", "spans": "county"})
