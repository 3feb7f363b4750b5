from fractions import Fraction

from gridrules.assess.score import Figure, places_against, score_of, shown


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


LINES = (95, 70, 80)  # the bundled pack's red list from 95, black list below 70, budget advice below 80


def test_a_score_is_shown_on_its_own_side_of_every_line_it_is_compared_with():
    # 100 − 50/23 − 20/7 = 94.97…: one decimal would show 95.0, which reads as on the red list (≥ 95)
    assert shown(Fraction(100) - Fraction(50, 23) - Fraction(20, 7), places_against(
        Fraction(100) - Fraction(50, 23) - Fraction(20, 7), LINES)) == "94.97"
    for value, text in ((Fraction(95), "95.0"), (Fraction(9494, 100), "94.9"), (Fraction(7996, 100), "79.96"),
                        (Fraction(6999, 100), "69.99"), (Fraction(94999, 1000), "94.999"), (Fraction(80), "80.0"),
                        (Fraction(8004, 100), "80.0")):  # 80.04 rounds to 80.0, still not below 80: one decimal
        assert shown(value, places_against(value, LINES)) == text, value
    assert places_against(None, LINES) == 1


def test_ratings_are_shown_as_how_many_and_their_mean():
    # ratings 4 and 2: Σ(score − 1) = 4 over 4 × 2 = 8; mean 3
    rating = Figure("rating", "镇街评分", 20, 4, 8, Fraction(1, 2), None, False)
    assert rating.counts_shown == "2 ratings, mean 3.0"
    assert Figure("closed", "按时办结率", 30, 1, 2, Fraction(1, 2), 85, True).counts_shown == "1/2"


def test_a_unit_the_registry_lacks_is_named_by_its_id_and_said_to_be_unregistered(pack):
    from gridrules.assess.score import unit_name
    from gridrules.catalogue import t

    assert unit_name(pack, "community", "gaoping-a") == t("assess.unregistered", id="gaoping-a")
    assert unit_name(pack, "community", "tangxiang-heping") == "和平社区"
