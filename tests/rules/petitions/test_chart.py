from datetime import date

import pytest

from rules.petitions.chart import cumulative_chart, nice_ceiling


@pytest.mark.parametrize(("value", "ceiling"), [
    (0, 10), (1, 10), (10, 10), (11, 20), (20, 20), (21, 50), (51, 100), (101, 200),
    (999, 1000), (1001, 2000), (2500, 5000), (10001, 20000),
])
def test_the_axis_top_is_the_next_one_two_or_five_times_a_power_of_ten(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_the_line_is_a_running_total_with_quiet_days_filled_in():
    chart = cumulative_chart([(date(2026, 3, 3), 5), (date(2026, 3, 1), 10)], width=120,
                             height=100, left=20, bottom=0, top=0, right=0)
    # Three days over 100 px; 15 signatures under a top of 20 on a 100 px plot.
    assert chart.points == "20.0,50.0 70.0,50.0 120.0,25.0"
    assert chart.total == 15
    assert [label for _, label in chart.y_ticks] == ["0", "5", "10", "15", "20"]
    assert [label for _, label in chart.x_labels] == ["1 Mar", "3 Mar"]


def test_one_day_of_signatures_draws_a_flat_line():
    chart = cumulative_chart([(date(2026, 3, 1), 3)], width=120, height=100, left=20,
                             bottom=0, top=0, right=0)
    assert chart.points == "20.0,70.0 120.0,70.0"


def test_no_signatures_draws_no_line():
    chart = cumulative_chart([])
    assert chart.points == "" and chart.total == 0


def test_the_daily_figures_behind_the_line_include_the_quiet_days():
    chart = cumulative_chart([(date(2026, 3, 3), 5), (date(2026, 3, 1), 10),
                              (date(2026, 3, 1), 2)])
    assert chart.daily == ((date(2026, 3, 1), 12, 12), (date(2026, 3, 2), 0, 12),
                           (date(2026, 3, 3), 5, 17))
    assert cumulative_chart([]).daily == ()
