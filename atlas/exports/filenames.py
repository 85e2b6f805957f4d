"""File names that say what a downloaded view shows: ``atlas-1993-opposition.png``.

Kept apart from :mod:`atlas.exports.figure` so that a page can name its downloads on every
run without importing matplotlib.
"""

import hashlib
import re
import unicodedata

from ..data.schema import LAYERS
from ..view.filters import UNNAMED_ACTOR

__all__ = ["figure_filename", "selection_stem", "SEARCH_SLUG_CHARS"]

SEARCH_SLUG_CHARS = 30


def figure_filename(years, sides=(), fmt="png", view=""):
    """Return a file name that says the view, e.g. ``atlas-1993-opposition.png``.

    Parameters
    ----------
    years : tuple of int or of str
        First and last year shown, or first and last month (``"1993-03"``).
    sides : iterable of str
        Sides (or actor ids) selected; empty for all.
    fmt : str
        ``png`` or ``pdf``.
    view : str
        Anything else that names the view (a chapter), optional.
    """
    first, last = years
    parts = ["atlas", str(first) if first == last else f"{first}-{last}"]
    parts += [_slug(s.split(" ")[0]) for s in sorted(sides)]
    parts += [_slug(view)] if view else []
    return "-".join(p for p in parts if p) + "." + fmt


def selection_stem(selection, actors):
    """Return the file name (without extension) of a sidebar selection's figure.

    Parameters
    ----------
    selection : atlas.view.filters.Selection
    actors : DataFrame
        actors.csv, with ``id`` and ``side``.

    Returns
    -------
    str
        ``atlas-1993-opposition`` when the actors chosen are exactly one
        side's (or several sides'), ``atlas-1993-<actor id>`` for one or two
        other actors, ``atlas-1993-selected-actors`` for more, and
        ``atlas-1993`` for all. Months replace the years (``atlas-1993-03-1993-05``);
        some of the layers (events' and ``flow``) or of the types add their names
        (``camp``, ``types-attack``; ``3-types`` for more than two); a search adds its
        words, ``search-kulob`` (letters without their accents, at most
        :data:`SEARCH_SLUG_CHARS`), or, with no Latin letter or digit in it, a
        short hash of it (``search-3f9a1c``), so two searches never share a name.
    """
    names = []
    # "(no actor named)" is a choice in the sidebar, not an actor: it names nothing.
    chosen = set(selection.actors or ()) - {UNNAMED_ACTOR}
    if selection.actors is not None and chosen != set(actors["id"]):
        by_side = actors.groupby("side")["id"].apply(set)
        sides = [side for side, ids in by_side.items() if ids <= chosen]
        if sides and set().union(*(by_side[s] for s in sides)) == chosen:
            names = sides
        elif 0 < len(chosen) <= 2:
            names = sorted(chosen)
        else:
            names = ["selected-actors"]
    every_layer = (*LAYERS, "flow")
    if selection.layers is not None and set(selection.layers) != set(every_layer):
        names += [layer for layer in every_layer if layer in selection.layers] or ["no-layers"]
    if selection.event_types:
        types = sorted(selection.event_types)
        names.append("types-" + "-".join(types) if len(types) <= 2 else f"{len(types)}-types")
    text = (selection.text or "").strip()
    if text:
        words = _slug(text)[:SEARCH_SLUG_CHARS].strip("-")
        names.append("search-" + (words or hashlib.blake2b(text.encode(), digest_size=3).hexdigest()))
    period = tuple(selection.months) if selection.months else tuple(selection.years)  # "1993-03", "1993-05"
    return figure_filename(period, names)[: -len(".png")]


def _slug(text):
    # Kŭlob -> kulob: the accent goes, the letter stays (a name in another script leaves nothing).
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
