"""atlas.view.memo: one answer per dataset and question, shared, bounded, only for small data."""

import threading
from types import SimpleNamespace

import pytest

from atlas.view import memo
from atlas.view.filters import Selection


@pytest.fixture(autouse=True)
def _empty_memo():
    memo.clear()
    yield
    memo.clear()


def _dataset(rows=10):
    return SimpleNamespace(events=[0] * rows, flows=[])


def _counting(answer="a"):
    calls = []

    def compute():
        calls.append(1)
        return [answer]  # a new object each time
    return compute, calls


def test_the_same_question_gets_the_same_object_worked_out_once():
    data, (compute, calls) = _dataset(), _counting()
    first = memo.memoized(data, "select", Selection(years=(1993, 1994)), compute)
    again = memo.memoized(data, "select", Selection(years=(1993, 1994)), compute)
    assert again is first and len(calls) == 1


@pytest.mark.parametrize("other", [
    ("select", Selection(years=(1993, 1995))),  # another key
    ("frame", Selection(years=(1993, 1994))),  # another question, same key
])
def test_another_key_or_question_is_worked_out_anew(other):
    data, (compute, calls) = _dataset(), _counting()
    first = memo.memoized(data, "select", Selection(years=(1993, 1994)), compute)
    assert memo.memoized(data, *other, compute) is not first and len(calls) == 2


def test_two_datasets_never_share_an_answer():
    compute, calls = _counting()
    a, b = _dataset(), _dataset()
    assert memo.memoized(a, "select", 1, compute) is not memo.memoized(b, "select", 1, compute)
    assert len(calls) == 2


def test_large_data_are_worked_out_every_time():
    data, (compute, calls) = _dataset(memo.MAX_ROWS + 1), _counting()
    memo.memoized(data, "select", 1, compute)
    memo.memoized(data, "select", 1, compute)
    assert len(calls) == 2 and memo.entries() == []


@pytest.mark.parametrize("key", [[1, 2], {"a": 1}, (1, [2])])
def test_an_unhashable_key_is_worked_out_every_time(key):
    data, (compute, calls) = _dataset(), _counting()
    memo.memoized(data, "select", key, compute)
    memo.memoized(data, "select", key, compute)
    assert len(calls) == 2 and memo.entries() == []


def test_not_a_dataset_is_worked_out_every_time():
    compute, calls = _counting()
    memo.memoized(object(), "sources", None, compute)
    memo.memoized(object(), "sources", None, compute)
    assert len(calls) == 2


def test_the_oldest_answers_go_first(monkeypatch):
    monkeypatch.setattr(memo, "capacity", lambda rows: 3)
    data = _dataset()
    for key in range(3):
        memo.memoized(data, "q", key, lambda: key)
    memo.memoized(data, "q", 0, lambda: "never")  # used again: now the newest
    memo.memoized(data, "q", 3, lambda: 3)
    assert [key for _, key, _ in memo.entries()] == [2, 0, 3]


@pytest.mark.parametrize("rows, kept", [(1, memo.MAX_ENTRIES), (97, memo.MAX_ENTRIES), (1_000, 100), (5_000, 20),
                                        (50_000, 8)])
def test_fewer_answers_are_kept_of_bigger_data(rows, kept):
    assert memo.capacity(rows) == kept


def test_same_stands_for_the_object_itself_not_its_value():
    a, b = [1, 2], [1, 2]
    assert memo.same(a) == memo.same(a) and hash(memo.same(a)) == hash(memo.same(a))
    assert memo.same(a) != memo.same(b)
    data = _dataset()
    first = memo.memoized(data, "frame", (memo.same(a), 0), lambda: "for a")
    assert memo.memoized(data, "frame", (memo.same(b), 0), lambda: "for b") == "for b"
    assert memo.memoized(data, "frame", (memo.same(a), 0), lambda: "again") == first
    # The key keeps its object alive, so its id cannot be reused by another object while kept.
    assert any(key[0].obj is a for _, key, _ in memo.entries())


def test_sessions_at_once_all_get_an_answer_and_keep_one():
    data, results = _dataset(), []

    def session():
        for key in range(20):
            results.append((key, memo.memoized(data, "q", key, lambda key=key: ("answer", key))))

    threads = [threading.Thread(target=session) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(answer == ("answer", key) for key, answer in results) and len(results) == 160
    assert sorted(key for _, key, _ in memo.entries()) == list(range(20))
