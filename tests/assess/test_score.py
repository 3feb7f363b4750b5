from fractions import Fraction

from gridrules.assess.score import Figure, score_of, shown


def test_shown_rounds_half_up_from_the_exact_value():
    assert shown(Fraction(1225, 100)) == "12.3"   # 12.25: half up (binary floats would give 12.2)
    assert shown(Fraction(2, 3) * 100) == "66.7"
    assert shown(Fraction(1075, 18)) == "59.7"
    assert shown(None) == "—"


def _figure(weight, share):
    return Figure("x", "x", weight, 0, 0, share, None, False)


def test_score_is_over_indicators_with_cases():
    assert score_of([_figure(40, Fraction(1)), _figure(60, None)]) == 100
    assert score_of([_figure(40, Fraction(1, 2)), _figure(60, Fraction(1))]) == 80
    assert score_of([_figure(40, None)]) is None
