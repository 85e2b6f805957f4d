"""Ask for a map's files while its scripts are still loading.

streamlit-folium loads a map's scripts one after another, then adds its
stylesheets, then runs the map's own script, and only that script asks for the
outlines, the place names and the selection's records: on a first map they
were asked for about 60 ms after the scripts' bundle had arrived, and the map
waited for them (``benchmarks/first_map.py``). :func:`early_fetch_link` returns
a ``data:`` script to put first in the frame's list of scripts; it asks for
those files at once, with the same ``Atlas.fetchJson`` the map's layers use
later (``atlas_fetch.js``: one request per file, the same promise for every
caller), and adds the stylesheet and the relief image. A ``data:`` address is
no request to any host: the map still asks nothing of another one.
"""

import functools
import re
from urllib.parse import quote

from .assets import _source, compact_script

__all__ = ["fetched_on_load", "early_fetch_link"]

# A file the app serves that a map's script names as a string: outlines, labels, zones, the
# selection's records, the relief. Popup text (``...-text.json``) is asked for on the first
# hover or click only; at 100,000 events it is 67 MB, which a first map must not wait behind.
_SERVED = re.compile(r'"(/app/static/[^"\\?#]+?\.(?:geojson|json|png|css))"')
_ON_DEMAND = re.compile(r"-text\.json$")


def fetched_on_load(*scripts):
    """Return the served files ``scripts`` (a map's JavaScript or HTML head) ask for as they run, in order, once each.

    Parameters
    ----------
    *scripts : str or None
        streamlit-folium's ``script``, ``feature_group`` or ``header``.

    Returns
    -------
    list of str
        Addresses below ``/app/static`` ending ``.geojson``, ``.json``, ``.png``
        or ``.css``, without the popup text files (asked for on demand).
    """
    found = []
    for script in scripts:
        found += [url for url in _SERVED.findall(script or "") if not _ON_DEMAND.search(url)]
    return list(dict.fromkeys(found))


@functools.lru_cache(maxsize=1)
def _fetch_module():
    return compact_script(_source("vendor:atlas/atlas_fetch.js").read_text(encoding="utf-8"))


def early_fetch_link(urls, stylesheets=(), scripts=()):
    """Return a ``data:text/javascript`` address of a script that asks for ``scripts``, ``urls`` and ``stylesheets`` now.

    ``scripts`` (the ones streamlit-folium loads next) are asked for first, as
    preloads, so the files do not take a browser's six connections to the app
    ahead of the map's own scripts; JSON and GeoJSON files go through
    ``Atlas.fetchJson`` (kept for the map's layers); images are loaded into the
    page's image cache; ``stylesheets`` are linked in the page's head. Only
    addresses below ``/app/static`` are taken: the script asks the app for its
    own files only.

    Parameters
    ----------
    urls : iterable of str
        As :func:`fetched_on_load` returns them.
    stylesheets : iterable of str
        The map's stylesheets (streamlit-folium's ``css_links``).
    scripts : iterable of str
        The map's scripts (streamlit-folium's ``js_links``).

    Returns
    -------
    str or None
        None when there is nothing to ask for.
    """
    local = [url for url in dict.fromkeys([*urls, *stylesheets]) if url.startswith("/app/static/")]
    if not local:
        return None
    preloads = [url for url in scripts if url.startswith("/app/static/") and url.endswith(".js")]
    data = [url for url in local if url.endswith((".json", ".geojson"))]
    images = [url for url in local if url.endswith(".png")]
    css = [url for url in local if url.endswith(".css")]
    # Built with json-like literals of plain addresses (checked above: no quote can be in them).
    listed = lambda items: "[" + ",".join('"%s"' % url for url in items if '"' not in url and "\\" not in url) + "]"
    script = (
        _fetch_module() + "\n;(function(){var A=window.Atlas;"
        f"{listed(preloads)}.forEach(function(u){{var l=document.createElement('link');l.rel='preload';l.as='script';l.href=u;document.head.appendChild(l);}});"
        f"{listed(data)}.forEach(function(u){{A.fetchJson(u).catch(function(){{}});}});"
        f"A.early=A.early||[];{listed(images)}.forEach(function(u){{var i=new Image();i.src=u;A.early.push(i);}});"
        f"{listed(css)}.forEach(function(u){{var l=document.createElement('link');l.rel='stylesheet';l.href=u;document.head.appendChild(l);}});"
        "})();"
    )
    return "data:text/javascript;charset=utf-8," + quote(script, safe="")
