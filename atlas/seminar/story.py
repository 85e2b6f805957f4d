"""The seminar story: chapters kept as data in data/story.yaml, checked against the dataset."""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data.csvfile import control_problems, decode_text
from ..data.schema import MAX_FOOTNOTE, STORY_FIELDS
from ..data.validation import DataError, Problem, shorten
from ..paths import DATA_DIR
from ..view.filters import Selection

__all__ = ["Chapter", "load_story", "read_story_file", "chapter_selection", "FOOTNOTE_REF", "narrative_footnotes"]

# A narrative cites the article as "(fn 36)", "(fns 36, 37)" or "(fn. 36 and 37)".
FOOTNOTE_REF = re.compile(r"\(fns?\.?\s*([0-9][0-9,;\s&and]*)\)")


def narrative_footnotes(text):
    """Return the footnote numbers a narrative cites with ``(fn N)``, in order of mention (ints)."""
    return [int(n) for match in FOOTNOTE_REF.finditer(text) for n in re.findall(r"\d+", match.group(1))]

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
    center: tuple | None  # with ``zoom``, the lecturer's fixed view; None: the map frames the chapter itself
    zoom: int | None
    highlight_events: tuple = field(default_factory=tuple)
    highlight_zones: tuple = field(default_factory=tuple)


def chapter_selection(chapter):
    """Return the :class:`~atlas.view.filters.Selection` a chapter shows."""
    return Selection(
        years=chapter.years,
        actors=frozenset(chapter.actors) if chapter.actors is not None else None,
        layers=frozenset(chapter.layers) if chapter.layers is not None else None,
    )


_MAX_BYTES = 1_000_000


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases (``*name``, ``<<: *name``).

    Nested aliases make a few kilobytes expand to gigabytes ("billion laughs");
    the story never needs them.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed here", event.start_mark)
        return super().compose_node(parent, index)


class _Checker:
    def __init__(self, file):
        self.file, self.problems = file, []
        self.lines = {}  # chapter number -> {field: physical line}, and None -> the chapter's own line

    def add(self, number, title, column, message, rule):
        lines = self.lines.get(number, {})
        line = lines.get(column) or lines.get(None)
        self.problems.append(Problem(self.file, line, str(number), column,
                                     f"{message}" + (f" (chapter {title!r})" if title else ""),
                                     rule=rule, id_label="chapter"))


def _ids(value, known, what, check, number, title, column):
    if value in (None, "all"):
        return None
    if not isinstance(value, list):
        check.add(number, title, column, f"must be a list of {what} ids or 'all'", "R41")
        return ()
    for item in value:
        if not isinstance(item, str):
            check.add(number, title, column, f"{item!r} is not an id written as text", "R41")
        elif item not in known:
            check.add(number, title, column, f"unknown {what} {shorten(item)}", "R43")
    return tuple(v for v in value if isinstance(v, str))


def _whole(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _text(raw, field, number, check):
    value = raw.get(field)
    if value is None or value == "":
        check.add(number, "", field, "is empty", "R41")
        return ""
    if not isinstance(value, str):
        check.add(number, "", field, f"must be text, not {type(value).__name__} {shorten(value)}", "R41")
        return ""
    return " ".join(value.split())


class _Known:
    """What chapters may name, gathered once for the whole story (sets of 100,000 ids took 60 ms a chapter)."""

    def __init__(self, dataset):
        self.years = dataset.years
        self.actors = set(dataset.actors["id"])
        self.items = set(dataset.events["id"]) | set(dataset.flows["id"])
        self.zones = set(dataset.zones["id"])


def _chapter(number, raw, known, check):
    if not isinstance(raw, dict):
        check.add(number, "", "", "is not a mapping of fields", "R40")
        return None
    for key in raw:
        if key not in STORY_FIELDS:
            check.add(number, "", str(key), f"is not a chapter field (known: {', '.join(STORY_FIELDS)})", "R41")
    title = _text(raw, "title", number, check)
    narrative = _text(raw, "narrative", number, check)
    wrong = sorted({n for n in narrative_footnotes(narrative) if not 1 <= n <= MAX_FOOTNOTE})
    if wrong:
        check.add(number, title, "narrative", f"cites footnote {', '.join(map(str, wrong))}; the article's "
                  f"footnotes are 1-{MAX_FOOTNOTE}", "R41")
    first, last = known.years
    years = raw.get("years")
    if not (isinstance(years, list) and len(years) == 2 and all(_whole(y) for y in years)):
        check.add(number, title, "years", "must be [first, last], two whole years", "R41")
        years = [first, last]
    elif years[0] > years[1] or years[0] < first or years[1] > last:
        check.add(number, title, "years", f"{years} must lie within the data's {first}-{last}", "R41")
    actors = _ids(raw.get("actors", "all"), known.actors, "actor", check, number, title, "actors")
    layers = _ids(raw.get("layers", "all"), set(_LAYERS), "layer", check, number, title, "layers")
    center, zoom = _view(raw, number, title, check)
    events = _ids(raw.get("highlight_events") or [], known.items, "event or flow", check, number, title,
                  "highlight_events")
    zones = _ids(raw.get("highlight_zones") or [], known.zones, "zone", check, number, title,
                 "highlight_zones")
    return Chapter(number, title, narrative, tuple(years), actors, layers, center, zoom, events or (), zones or ())


def _view(raw, number, title, check):
    """Return the chapter's ``(center, zoom)``, both None when it gives neither (the map frames the chapter)."""
    center, zoom = raw.get("center"), raw.get("zoom")
    if center is None and zoom is None:
        return None, None
    if center is None or zoom is None:
        given, missing = ("center", "zoom") if zoom is None else ("zoom", "center")
        check.add(number, title, missing, f"is missing: {given} and {missing} go together (give neither, and the "
                  "map frames what the chapter highlights)", "R42")
        return None, None
    good = True  # both checked, so a chapter with two mistakes hears of both
    if not (isinstance(center, list) and len(center) == 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in center)):
        check.add(number, title, "center", "must be [lat, lon], two numbers", "R42")
        good = False
    elif not all(math.isfinite(c) for c in center) or not (-90 <= center[0] <= 90 and -180 <= center[1] <= 180):
        check.add(number, title, "center", f"{center} must be finite, latitude -90..90, longitude -180..180", "R42")
        good = False
    if not (_whole(zoom) and 2 <= zoom <= 12):
        check.add(number, title, "zoom", "must be a whole number from 2 to 12", "R41")
        good = False
    if not good:
        return None, None
    return tuple(center), zoom


def _field_lines(root):
    """Map chapter number -> {field: line} from the composed YAML, for messages."""
    lines = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        if key.value == "chapters" and isinstance(value, yaml.SequenceNode):
            for number, item in enumerate(value.value, start=1):
                fields = {None: item.start_mark.line + 1}
                if isinstance(item, yaml.MappingNode):
                    fields.update({str(k.value): k.start_mark.line + 1 for k, _ in item.value})
                lines[number] = fields
    return lines


def read_story_file(path, file):
    """Return ``(raw, lines, problems)``: the parsed YAML of ``path``, its chapters' field lines, and what is wrong."""
    path = Path(path)

    def fail(message, line=None, rule="R40"):
        return None, {}, [Problem(file, line, "", "", message, rule=rule)]

    if path.is_dir():
        return fail("is a folder, not a file", rule="R01")
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return fail("file not found", rule="R01")
    except OSError as error:
        return fail(f"cannot be read ({error.strerror})", rule="R01")
    if len(raw_bytes) > _MAX_BYTES:
        return fail(f"is {len(raw_bytes):,} bytes; a story is at most {_MAX_BYTES:,}")
    text, problems = decode_text(raw_bytes, file)
    if text is None:
        return None, {}, problems
    problems = control_problems(text, file)
    if problems:
        return None, {}, problems
    try:
        root = yaml.compose(text, Loader=_NoAliasLoader)
        raw = yaml.load(text, Loader=_NoAliasLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        return fail(f"is not valid YAML: {reason}", mark.line + 1 if mark else None)
    twice = _keys_given_twice(root, file)
    if twice:
        return None, {}, twice
    return raw, _field_lines(root), []


def _keys_given_twice(node, file, chapter=None, top=True):
    """Return a problem for each key written twice in one mapping: YAML keeps the last and drops the first unsaid.

    A key inside a chapter names the chapter (its number in ``chapters``).
    """
    problems = []
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                problems.append(Problem(file, key.start_mark.line + 1, str(chapter or ""), name,
                                        f"is given twice in one mapping (lines {seen[name]} and "
                                        f"{key.start_mark.line + 1}): YAML would keep only the second", rule="R40",
                                        id_label="chapter"))
            else:
                seen[name] = key.start_mark.line + 1
            if top and name == "chapters" and isinstance(value, yaml.SequenceNode):
                for number, item in enumerate(value.value, start=1):
                    problems += _keys_given_twice(item, file, number, top=False)
            else:
                problems += _keys_given_twice(value, file, chapter, top=False)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems += _keys_given_twice(item, file, chapter, top=False)
    return problems


def load_story(dataset, path=DATA_DIR / "story.yaml", file=None):
    """Read and check the story; raise DataError naming the line, chapter and field of every mistake.

    Parameters
    ----------
    dataset : atlas.data.loading.Dataset
        What the chapters may refer to.
    path : path-like
    file : str, optional
        The name used in messages (default: ``data/story.yaml`` or the path).

    Returns
    -------
    list of Chapter
        Numbered from 1.

    Raises
    ------
    atlas.data.validation.DataError
        Rules R40-R43 of data/README.md.
    """
    file = file or ("data/story.yaml" if str(path) == str(DATA_DIR / "story.yaml") else str(path))
    raw, lines, problems = read_story_file(path, file)
    if problems:
        raise DataError(problems)
    check = _Checker(file)
    check.lines = lines
    chapters = raw.get("chapters") if isinstance(raw, dict) else None
    if not isinstance(chapters, list) or not chapters:
        raise DataError([Problem(file, None, "", "chapters", "needs a non-empty list 'chapters'", rule="R40")])
    unknown = [str(key) for key in raw if key != "chapters"]
    if unknown:
        raise DataError([Problem(file, None, "", key, "is not a story field (the story holds only 'chapters')",
                                 rule="R40") for key in unknown])
    known = _Known(dataset)
    story = [_chapter(number, item, known, check) for number, item in enumerate(chapters, start=1)]
    if check.problems:
        raise DataError(check.problems)
    return story
