import pytest

from rules.polls.cross_tables import next_group_to_withhold


def people(start, stop):
    return set(range(start, stop))


@pytest.mark.parametrize(("role_students", "expected"), [
    (people(0, 12), ("role", "Student")),  # 3 student members are not role students: withheld
    (people(0, 15), None),  # the very same people: subtraction gives nothing
    (people(0, 5), None),  # too small to be shown is the single table's business
    (people(3, 18), ("role", "Student")),  # 3 and 3 either side: still too close
    (people(10, 25), None),  # 10 either side: each difference is a group of 10
])
def test_two_rows_of_different_tables_that_differ_by_a_small_group_are_not_both_shown(
        role_students, expected):
    members = {"category": {"Student member": people(0, 15), "Qualified": people(100, 140)},
               "role": {"Student": role_students, "Practitioner": people(100, 140)}}
    shown = {table: {g for g, who in groups.items() if len(who) >= 10}
             for table, groups in members.items()}
    assert next_group_to_withhold(members, shown, threshold=10) == expected


def test_of_two_close_rows_the_larger_stays_and_ties_go_to_the_later_table():
    members = {"region": {"London": people(0, 20)}, "role": {"Manager": people(0, 24)}}
    shown = {"region": {"London"}, "role": {"Manager"}}
    assert next_group_to_withhold(members, shown, threshold=10) == ("region", "London")
    members["role"]["Manager"] = people(4, 24)
    assert next_group_to_withhold(members, shown, threshold=10) == ("role", "Manager")


def test_withheld_groups_are_not_compared():
    members = {"region": {"London": people(0, 20)}, "role": {"Manager": people(0, 24)}}
    assert next_group_to_withhold(members, {"region": set(), "role": {"Manager"}},
                                  threshold=10) is None
