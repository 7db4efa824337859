"""resolve_expression: each kind of expression, weekday arithmetic across month and year ends, futures."""
from datetime import date

import pytest

from detente.dates.resolve import EventDate, resolve_expression, weekday

PUB = date(2016, 2, 21)  # a Sunday


@pytest.mark.parametrize("expr,value,precision,basis", [
    ("March 12, 2014", "2014-03-12", "day", "explicit"),
    ("on 12 March 2014", "2014-03-12", "day", "explicit"),
    ("the 3rd of March 2014", "2014-03-03", "day", "explicit"),
    ("Tuesday, March 3, 2015", "2015-03-03", "day", "explicit"),
    ("2014-03-12", "2014-03-12", "day", "explicit"),
    ("in May 1998", "1998-05", "month", "explicit"),
    ("October 2014", "2014-10", "month", "explicit"),
    ("early March 2003", "2003-03", "month", "explicit"),
    ("in 2003", "2003", "year", "explicit"),
    ("in early 2003", "2003", "year", "explicit"),
    ("the summer of 2012", "2012", "year", "explicit"),
    ("from 1980 to 1988", "1980/1988", "span", "explicit"),
    ("between 2011 and 2015", "2011/2015", "span", "explicit"),
    ("1962-63", "1962/1963", "span", "explicit"),
    ("in 2014, 2016 and 2019", "2014/2019", "span", "explicit"),
    ("from March to May 2003", "2003-03/2003-05", "span", "explicit"),
    ("March 3-5, 2020", "2020-03-03/2020-03-05", "span", "explicit"),
    ("in the 1990s", "1990/1999", "span", "explicit"),
    ("in the 1800s", "1800/1899", "span", "explicit"),
    ("from 2014", "2014", "year", "explicit"),
    ("a couple of years ago", "2014", "year", "relative"),
    ("during the Korean War", "1950/1953", "span", "explicit"),
    ("March 12", "2015-03-12", "day", "relative"),
    ("February 2", "2016-02-02", "day", "relative"),
    ("in January", "2016-01", "month", "relative"),
    ("last March", "2015-03", "month", "relative"),
    ("on Sunday", "2016-02-21", "day", "relative"),
    ("on Saturday", "2016-02-20", "day", "relative"),
    ("Monday", "2016-02-15", "day", "relative"),
    ("late Friday", "2016-02-19", "day", "relative"),
    ("last Sunday", "2016-02-14", "day", "relative"),
    ("yesterday", "2016-02-20", "day", "relative"),
    ("today", "2016-02-21", "day", "relative"),
    ("last night", "2016-02-20", "day", "relative"),
    ("last week", "2016-02-08/2016-02-14", "span", "relative"),
    ("this week", "2016-02-15/2016-02-21", "span", "relative"),
    ("earlier this month", "2016-02", "month", "relative"),
    ("last month", "2016-01", "month", "relative"),
    ("last year", "2015", "year", "relative"),
    ("two years ago", "2014", "year", "relative"),
    ("three days ago", "2016-02-18", "day", "relative"),
    ("a week ago", "2016-02-14", "day", "relative"),
    ("six months ago", "2015-08", "month", "relative"),
    ("over the weekend", "2016-02-20/2016-02-21", "span", "relative"),
])
def test_expressions(expr, value, precision, basis):
    got = resolve_expression(expr, PUB)
    assert (got.value, got.precision, got.basis) == (value, precision, basis)


@pytest.mark.parametrize("expr,value", [
    ("on Sunday", "2016-02-28"), ("on Monday", "2016-02-22"), ("next week", "2016-02-22/2016-02-28"),
    ("in March", "2016-03"), ("in January", "2017-01"), ("March 12", "2016-03-12"), ("next year", "2017"),
])
def test_futures(expr, value):
    assert resolve_expression(expr, PUB, future=True).value == value


@pytest.mark.parametrize("pub,wd,value", [
    (date(2016, 3, 1), 6, "2016-02-28"),    # Tuesday 1 March -> Sunday in February (leap year)
    (date(2015, 3, 2), 5, "2015-02-28"),    # Monday 2 March -> Saturday 28 February
    (date(2020, 1, 2), 1, "2019-12-31"),    # Thursday 2 January -> Tuesday in the old year
    (date(2019, 1, 1), 4, "2018-12-28"),    # Tuesday 1 January -> Friday 28 December
    (date(2016, 2, 21), 6, "2016-02-21"),   # Sunday -> this Sunday, not a week back (dateparser's quirk)
])
def test_weekday_across_month_and_year_ends(pub, wd, value):
    assert weekday(pub, wd).isoformat() == value


def test_future_weekday_across_year_end():
    assert weekday(date(2019, 12, 30), 2, future=True).isoformat() == "2020-01-01"
    assert weekday(date(2019, 12, 30), 0, future=True).isoformat() == "2020-01-06"


def test_month_without_year_across_year_end():
    assert resolve_expression("December 30", date(2020, 1, 3)).value == "2019-12-30"
    assert resolve_expression("on January 5", date(2019, 12, 20), future=True).value == "2020-01-05"


def test_since_is_a_span_to_publication():
    got = resolve_expression("since 1991", PUB)
    assert (got.value, got.note) == ("1991/2016-02-21", "since")
    assert resolve_expression("since the Gulf War", PUB).value == "1990/2016-02-21"


def test_anaphoric_needs_an_anchor():
    anchor = EventDate("2016-01-30", "day", "explicit")
    assert resolve_expression("the next day", PUB) is None
    assert resolve_expression("the next day", PUB, anchor=anchor).value == "2016-01-31"
    assert resolve_expression("two days later", PUB, anchor=anchor).value == "2016-02-01"
    assert resolve_expression("later that month", PUB, anchor=anchor).value == "2016-01"


def test_days_before_an_undated_anchor_is_the_week_before_publication():
    got = resolve_expression("days before", PUB)
    assert (got.value, got.precision, got.note) == ("2016-02-14/2016-02-21", "span", "approximate")


def test_numbered_offset_from_an_undated_event_is_no_date():
    assert resolve_expression("two months after", PUB) is None


def test_no_date():
    assert resolve_expression("the talks", PUB) is None
    assert resolve_expression("on Sunday", None) is None
    assert resolve_expression("in 2003", None).value == "2003"
