"""Charts as SVG: well-formed, with the values and their Chinese labels written into them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gridrules.catalogue import set_language, t
from gridrules.pages.charts import Series, bars, columns

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_write_each_label_and_value_and_escape_them():
    drawn = ET.fromstring(str(bars("按部门", [("区民政局", 3), ("<甲&乙>", 1)], unit="项")))
    texts = [e.text for e in drawn.iter(f"{SVG}text")]
    assert texts == ["区民政局", "3项", "<甲&乙>", "1项"]
    widths = [float(r.get("width")) for r in drawn.iter(f"{SVG}rect")]
    assert widths == [300.0, 100.0]  # proportional to the values, the largest full length
    assert drawn.find(f"{SVG}title").text == "按部门"
    assert drawn.find(f"{SVG}desc").text == "区民政局 3项；<甲&乙> 1项"


def test_columns_stack_the_series_of_each_day():
    drawn = ET.fromstring(str(columns("每日", ["2026-11-01", "2026-11-02"],
                                      [Series("准入", [1, 0], "#111111"), Series("禁止", [1, 2], "#222222")])))
    bars_ = [(r.get("fill"), float(r.get("height"))) for r in drawn.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert bars_ == [("#111111", 90.0), ("#222222", 90.0), ("#222222", 180.0)]  # the tallest day fills the plot
    assert {"准入", "禁止", "11-01"} <= {e.text for e in drawn.iter(f"{SVG}text")}


def test_no_data_says_so():
    assert t("page.no_data") in str(bars("空", []))
    assert t("page.no_data") in str(columns("空", [], []))
    set_language("zh")
    try:
        assert "没有数据" in str(bars("空", []))
    finally:
        set_language(None)
