"""Answers worked out once per dataset and question, shared by every session of the process.

A seminar room asks the same questions: thirty students move the year slider
to the same few years, and each of their runs selected the same rows again
(pandas indexing copies every column: about a quarter of a run's server time
with thirty sessions, ``benchmarks/concurrency.py``). Here a small dataset's
answers are kept, most recently used first, and handed to every session.

An answer is shared, never copied: callers read it and never change it (the
pages only read frames; ``tests/test_shared_dataset.py`` checks the answers
kept are unchanged after every page ran).
"""

import threading
from collections import OrderedDict

__all__ = ["MAX_ROWS", "MAX_ENTRIES", "ROW_BUDGET", "capacity", "memoized", "same", "clear", "entries"]

# Above this many events and flows an answer is worked out every time: at 100,000 events one
# selection's frames take about 90 MB, so keeping many would cost more memory than it saves time.
MAX_ROWS = 5_000
# At most this many answers, and at most ROW_BUDGET // (the dataset's rows) of them: a room
# trying every year range, month and search of the built-in dataset fits in 512, and 20
# selections of 5,000 rows (a few MB each) stay far below the memory of one 100,000-event selection.
MAX_ENTRIES = 512
ROW_BUDGET = 100_000

_lock = threading.Lock()
# (id(dataset), name, key) -> (dataset, answer). The dataset is kept with its answers, so an id
# is never reused while an entry names it (an edited data folder gives a new dataset object).
_entries = OrderedDict()


def memoized(dataset, name, key, compute):
    """Return ``compute()``, worked out once per ``dataset``, ``name`` and ``key`` while the dataset is small.

    Parameters
    ----------
    dataset : atlas.data.loading.Dataset
        Read only; its ``events`` and ``flows`` sizes decide whether answers are kept.
    name : str
        Which question (``"select"``, ``"frame"`` ...): keys of different questions never meet.
    key : hashable
        Everything besides the dataset the answer depends on (a frozen
        :class:`atlas.view.filters.Selection`, ids as a tuple ...). An
        unhashable key is never kept.
    compute : callable
        Called with no argument; its answer must not be changed by anyone.

    Returns
    -------
    object
        The same object for every caller with the same question, or a new one
        when the dataset has more than :data:`MAX_ROWS` rows.
    """
    try:
        rows = len(dataset.events) + len(dataset.flows)
    except (AttributeError, TypeError):  # not a Dataset: nothing to key on
        return compute()
    if rows > MAX_ROWS:
        return compute()
    full = (id(dataset), name, key)
    try:
        with _lock:
            kept = _entries.get(full)
            if kept is not None and kept[0] is dataset:
                _entries.move_to_end(full)
                return kept[1]
    except TypeError:  # an unhashable key: worked out every time
        return compute()
    answer = compute()  # outside the lock: two sessions may work out the same answer once each
    with _lock:
        _entries[full] = (dataset, answer)
        _entries.move_to_end(full)
        while len(_entries) > capacity(rows):
            _entries.popitem(last=False)
    return answer


def capacity(rows):
    """Return how many answers are kept while a dataset of ``rows`` events and flows is in use (at least 8)."""
    return max(8, min(MAX_ENTRIES, ROW_BUDGET // max(rows, 1)))


class same:
    """A key part standing for one object itself (a frame an earlier answer handed out), not its value.

    Equal only to a ``same`` of the very same object; keeping it in a key keeps the
    object alive, so its id is never reused while the key is kept.
    """

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj

    def __hash__(self):
        return id(self.obj)

    def __eq__(self, other):
        return isinstance(other, same) and other.obj is self.obj

    def __repr__(self):
        return f"same({type(self.obj).__name__} at {id(self.obj):#x})"


def entries():
    """Return ``[(name, key, answer), ...]`` of the answers kept, oldest first (for tests)."""
    with _lock:
        return [(name, key, answer) for (_, name, key), (_, answer) in _entries.items()]


def clear():
    """Forget every answer kept."""
    with _lock:
        _entries.clear()
