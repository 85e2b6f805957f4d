"""The seminar story: chapters kept as data in data/story.yaml, checked against the dataset."""

from dataclasses import dataclass, field

import yaml

from .filters import Selection
from .paths import DATA_DIR
from .validation import DataError, Problem

__all__ = ["Chapter", "load_story", "chapter_selection"]

_LAYERS = ("incident", "deployment", "camp", "diplomacy", "flow")


@dataclass(frozen=True)
class Chapter:
    """One step of the walk-through."""

    number: int
    title: str
    narrative: str
    years: tuple
    actors: tuple | None
    layers: tuple | None
    center: tuple
    zoom: int
    highlight_events: tuple = field(default_factory=tuple)
    highlight_zones: tuple = field(default_factory=tuple)


def chapter_selection(chapter):
    """Return the :class:`~atlas.filters.Selection` a chapter shows."""
    return Selection(
        years=chapter.years,
        actors=frozenset(chapter.actors) if chapter.actors is not None else None,
        layers=frozenset(chapter.layers) if chapter.layers is not None else None,
    )


class _Checker:
    def __init__(self, file):
        self.file, self.problems = file, []

    def add(self, number, title, column, message):
        self.problems.append(Problem(self.file, number, title, column, message, unit="chapter"))


def _ids(value, known, what, check, number, title, column):
    if value in (None, "all"):
        return None
    if not isinstance(value, list):
        check.add(number, title, column, f"must be a list of {what} ids or 'all'")
        return ()
    for item in value:
        if str(item) not in known:
            check.add(number, title, column, f"unknown {what} {item!r}")
    return tuple(str(v) for v in value)


def _chapter(number, raw, dataset, check):
    if not isinstance(raw, dict):
        check.add(number, "", "", "is not a mapping of fields")
        return None
    title = str(raw.get("title") or "").strip()
    if not title:
        check.add(number, title, "title", "is empty")
    narrative = " ".join(str(raw.get("narrative") or "").split())
    if not narrative:
        check.add(number, title, "narrative", "is empty")
    first, last = dataset.years
    years = raw.get("years")
    if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        check.add(number, title, "years", "must be [first, last], two whole years")
        years = [first, last]
    elif years[0] > years[1] or years[0] < first or years[1] > last:
        check.add(number, title, "years", f"{years} must lie within the data's {first}-{last}")
    actors = _ids(raw.get("actors", "all"), set(dataset.actors["id"]), "actor", check, number, title, "actors")
    layers = _ids(raw.get("layers", "all"), set(_LAYERS), "layer", check, number, title, "layers")
    center = raw.get("center")
    if not (isinstance(center, list) and len(center) == 2 and all(isinstance(c, (int, float)) for c in center)):
        check.add(number, title, "center", "must be [lat, lon]")
        center = [38.0, 69.5]
    zoom = raw.get("zoom")
    if not (isinstance(zoom, int) and 2 <= zoom <= 12):
        check.add(number, title, "zoom", "must be a whole number from 2 to 12")
        zoom = 6
    known_items = set(dataset.events["id"]) | set(dataset.flows["id"])
    events = _ids(raw.get("highlight_events") or [], known_items, "event or flow", check, number, title, "highlight_events")
    zones = _ids(raw.get("highlight_zones") or [], set(dataset.zones["id"]), "zone", check, number, title, "highlight_zones")
    return Chapter(number, title, narrative, tuple(years), actors, layers, tuple(center), zoom, events or (), zones or ())


def load_story(dataset, path=DATA_DIR / "story.yaml"):
    """Read and check the story; raise DataError naming the chapter and field of every mistake.

    Parameters
    ----------
    dataset : atlas.loading.Dataset
        What the chapters may refer to.
    path : path-like

    Returns
    -------
    list of Chapter
        Numbered from 1.
    """
    file = "data/story.yaml" if str(path) == str(DATA_DIR / "story.yaml") else str(path)
    check = _Checker(file)
    try:
        with open(path, encoding="utf-8") as f:
            raw = yaml.safe_load(f)
    except FileNotFoundError:
        raise DataError([Problem(file, None, "", "", "file not found")]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(file, None, "", "", f"is not valid YAML: {error}")]) from None
    chapters = raw.get("chapters") if isinstance(raw, dict) else None
    if not isinstance(chapters, list) or not chapters:
        raise DataError([Problem(file, None, "", "chapters", "needs a non-empty list 'chapters'")])
    story = [_chapter(number, item, dataset, check) for number, item in enumerate(chapters, start=1)]
    if check.problems:
        raise DataError(check.problems)
    return story
