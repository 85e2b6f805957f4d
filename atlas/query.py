"""The view in the URL: read query parameters safely and write them back.

A shared link such as ``?years=1993-1994&actors=irp_uto,ru_border&layers=incident,flow``
reopens the same view. A parameter that makes no sense is ignored with a
short notice; it never raises.
"""

from dataclasses import dataclass, field

__all__ = ["ViewState", "parse_view", "view_to_params"]


@dataclass
class ViewState:
    """The sidebar's values. ``None`` for actors, layers or types means "all"."""

    years: tuple
    actors: list | None = None
    layers: list | None = None
    types: list | None = None
    text: str = ""
    notices: list = field(default_factory=list)


def _first(value):
    if isinstance(value, (list, tuple)):
        return value[-1] if value else ""
    return value


def _parse_years(raw, bounds, notices):
    first, last = bounds
    try:
        parts = [int(p) for p in raw.replace("\u2013", "-").split("-", 1)]
    except ValueError:
        notices.append(f"Ignored years={raw!r}: write years=1993 or years=1993-1995.")
        return bounds
    start, end = (parts[0], parts[-1])
    if start > end or end < first or start > last:
        notices.append(f"Ignored years={raw!r}: the data cover {first}-{last}.")
        return bounds
    clipped = (max(start, first), min(end, last))
    if clipped != (start, end):
        notices.append(f"Years {raw} clipped to {clipped[0]}-{clipped[1]}, the span of the data.")
    return clipped


def _parse_list(name, raw, allowed, notices):
    if raw in ("", "all"):
        return None
    if raw == "none":
        return []
    values = [v.strip() for v in raw.split(",") if v.strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        notices.append(f"Ignored unknown {name}: {', '.join(unknown)}.")
    known = [v for v in values if v in allowed]
    return known if known or not unknown else None


def parse_view(params, year_bounds, actor_ids, layers, types):
    """Read a view from query parameters.

    Parameters
    ----------
    params : mapping
        ``st.query_params`` or any dict of str (or list of str).
    year_bounds : tuple of int
        First and last year of the data.
    actor_ids, layers, types : collection of str
        Allowed values.

    Returns
    -------
    ViewState
        With ``notices`` listing every ignored or corrected parameter.
    """
    notices = []
    state = ViewState(years=tuple(year_bounds), notices=notices)
    raw = {key: str(_first(value)).strip() for key, value in dict(params).items()}
    if raw.get("years"):
        state.years = _parse_years(raw["years"], tuple(year_bounds), notices)
    state.actors = _parse_list("actors", raw.get("actors", ""), set(actor_ids), notices)
    state.layers = _parse_list("layers", raw.get("layers", ""), set(layers), notices)
    state.types = _parse_list("types", raw.get("types", ""), set(types), notices)
    state.text = raw.get("q", "")[:200]
    return state


def view_to_params(years, year_bounds, actors, all_actors, layers, all_layers, types, all_types, text):
    """Return the query parameters that reproduce a view; defaults are left out."""
    params = {}
    if tuple(years) != tuple(year_bounds):
        params["years"] = f"{years[0]}" if years[0] == years[1] else f"{years[0]}-{years[1]}"
    for name, chosen, every in (("actors", actors, all_actors), ("layers", layers, all_layers), ("types", types, all_types)):
        if chosen is None or set(chosen) == set(every):
            continue
        params[name] = ",".join(chosen) if chosen else "none"
    if text.strip():
        params["q"] = text.strip()
    return params
