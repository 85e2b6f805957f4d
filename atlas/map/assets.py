"""Serve every script and stylesheet the map needs from the app itself.

Folium points Leaflet, jQuery and its plugins at public CDNs; with no network
streamlit-folium then draws an empty box. :func:`install_static_assets` copies
the files from Python packages (XStatic) and from ``atlas/vendor`` into
``static/vendor``, which Streamlit serves at ``/app/static/vendor`` when
``server.enableStaticServing`` is on; :func:`use_local_assets` points a folium
element at those copies.
"""

import base64
import functools
import gzip
import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..paths import GEODATA_DIR, STATIC_DIR

__all__ = [
    "LOCAL_URL", "GEODATA_URL", "ASSETS", "install_static_assets", "install_vendor_assets", "install_geodata",
    "use_local_assets", "inline_assets", "asset_path", "write_atomically", "write_with_gzip_twin", "GZIP_TWIN",
    "BUNDLE", "bundle_path", "STYLE_BUNDLE", "style_bundle_path", "compact_script",
]

LOCAL_URL = "/app/static/vendor"
GEODATA_URL = "/app/static/geodata"
_VENDOR = Path(__file__).resolve().parent.parent / "vendor"

# name used by folium -> (where the file comes from, path below static/vendor)
ASSETS = {
    "leaflet": ("xstatic.pkg.leaflet:leaflet.js", "leaflet/leaflet.js"),
    "leaflet_css": ("xstatic.pkg.leaflet:leaflet.css", "leaflet/leaflet.css"),
    "leaflet_images": ("xstatic.pkg.leaflet:images", "leaflet/images"),
    "jquery": ("xstatic.pkg.jquery:jquery.min.js", "jquery/jquery.min.js"),
    "Control.Fullscreen.js": ("vendor:leaflet.fullscreen/Control.FullScreen.js", "leaflet.fullscreen/Control.FullScreen.js"),
    "Control.FullScreen.css": ("vendor:leaflet.fullscreen/Control.FullScreen.css", "leaflet.fullscreen/Control.FullScreen.css"),
    "fullscreen_icon": ("vendor:leaflet.fullscreen/icon-fullscreen.svg", "leaflet.fullscreen/icon-fullscreen.svg"),
    # leaflet-gesture-handling 1.2.2 (npm, MIT): in a page, one finger or the wheel scrolls the page, not the map.
    "gesture_handling": ("vendor:leaflet-gesture-handling/leaflet-gesture-handling.min.js",
                         "leaflet-gesture-handling/leaflet-gesture-handling.min.js"),
    "gesture_handling_css": ("vendor:leaflet-gesture-handling/leaflet-gesture-handling.min.css",
                             "leaflet-gesture-handling/leaflet-gesture-handling.min.css"),
    "atlas_labels": ("vendor:atlas/labels.js", "atlas/labels.js"),
    # The atlas's own map modules (atlas.map.layers.AtlasSelection), one per feature.
    **{name: (f"vendor:atlas/{name}", f"atlas/{name}") for name in
       ("atlas_fetch.js", "atlas_gestures.js", "atlas_symbols.js", "atlas_canvas.js", "atlas_frame.js", "atlas_legend.js", "atlas_years.js", "atlas_outlines.js",
        "atlas_map.css", "atlas_base.css")},
}
# The map's scripts, in load order, served as one file: streamlit-folium loads scripts one after
# another, and eight round trips were about 400 ms of a first map (benchmarks/first_map.py).
# The atlas's maps use no jQuery; a plain folium map may (its HTML popups do), so it keeps it.
BUNDLE = ("leaflet", "Control.Fullscreen.js", "gesture_handling", "atlas_gestures.js", "atlas_fetch.js", "atlas_labels", "atlas_outlines.js", "atlas_symbols.js", "atlas_canvas.js",
          "atlas_frame.js", "atlas_legend.js", "atlas_years.js")
BUNDLE_NAME = "atlas_map_bundle"
_JS = (BUNDLE_NAME,)
# The map's stylesheets, served as one file with their few small images inside (data: URIs): a first
# map asked for five stylesheets and two images beside its eight data files, more than a browser's
# six connections to one host, and the data files waited behind them (benchmarks/first_map.py).
STYLE_BUNDLE = ("leaflet_css", "gesture_handling_css", "Control.FullScreen.css", "atlas_base.css", "atlas_map.css")
STYLE_BUNDLE_NAME = "atlas_map_styles"
_CSS = (STYLE_BUNDLE_NAME,)


def _source(spec):
    package, _, relative = spec.partition(":")
    if package == "vendor":
        return _VENDOR / relative
    module = __import__(package, fromlist=["BASE_DIR"])
    return Path(module.BASE_DIR) / relative


@functools.lru_cache(maxsize=1)
def _bundle_content():
    # Read once per process: the file written and the name it is written under always agree.
    parts = [f"/* {ASSETS[name][1]} */\n" + _source(ASSETS[name][0]).read_text(encoding="utf-8") for name in BUNDLE]
    return "\n;\n".join(parts).encode("utf-8")


@functools.lru_cache(maxsize=1)
def bundle_path():
    """Return the bundle's path below ``static/vendor``: ``atlas/atlas-map-<hash of its content>.js``.

    Named by its content, as the data files are: a browser holding the bundle
    of an earlier version (Streamlit's static route lets it keep files a while
    unasked) and two app processes of different versions sharing one static
    folder each get the scripts their page was written for (an older bundle
    with a newer page had drawn no map: "Cannot read properties of undefined").
    """
    return f"atlas/atlas-map-{hashlib.sha256(_bundle_content()).hexdigest()[:16]}.js"


@functools.lru_cache(maxsize=1)
def _style_bundle_content():
    parts = []
    for name in STYLE_BUNDLE:
        source = _source(ASSETS[name][0])
        parts.append(f"/* {ASSETS[name][1]} */\n" + _embed_css_urls(source.read_text(encoding="utf-8"), source.parent))
    return "\n".join(parts).encode("utf-8")


@functools.lru_cache(maxsize=1)
def style_bundle_path():
    """Return the stylesheets' bundle's path below ``static/vendor``: ``atlas/atlas-map-<hash>.css``.

    Leaflet's, the plugins' and the atlas's stylesheets in one file, in the
    order of ``STYLE_BUNDLE``, each image they point at written into it as a
    ``data:`` URI. Named by its content, as the scripts' bundle is
    (:func:`bundle_path`): Streamlit's static route sends no ``Cache-Control``,
    so a browser may keep a file a while unasked, and a stylesheet kept under a
    fixed name could outlive the page it was written for.
    """
    return f"atlas/atlas-map-{hashlib.sha256(_style_bundle_content()).hexdigest()[:16]}.css"


_BUNDLES = {BUNDLE_NAME: bundle_path, STYLE_BUNDLE_NAME: style_bundle_path}


def asset_path(name, static_dir=STATIC_DIR):
    """Return where the asset ``name`` (a key of ``ASSETS``, ``BUNDLE_NAME`` or ``STYLE_BUNDLE_NAME``) lives once installed."""
    return Path(static_dir) / "vendor" / (_BUNDLES[name]() if name in _BUNDLES else ASSETS[name][1])


def write_atomically(target, content):
    """Write ``content`` (bytes) to ``target`` unless it holds them already; a reader never sees half a file.

    Several app processes may write the same file at once: each writes a
    temporary file beside it and renames it over ``target``. Returns ``target``.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_bytes() != content:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    return target


GZIP_TWIN = ".gz"


def write_with_gzip_twin(target, content):
    """Write ``content`` (bytes) to ``target`` and gzip's copy of it beside it, named ``<target's name>.gz``.

    The app's static route compresses every response it sends, again on every
    request, at gzip's level 9 (Starlette's GZipMiddleware in Streamlit 1.67:
    17 ms of the server's time for admin1.geojson, 0.14 s for the records of
    100,000 events, 0.8 s for their popup text). A ``.gz`` file it serves as it
    is (``application/gzip``), and the map unpacks it in the browser
    (``Atlas.fetchJson`` in ``atlas_fetch.js``), falling back to ``target``
    where it cannot. Both written with :func:`write_atomically`.

    Returns
    -------
    tuple of pathlib.Path
        ``target`` and its twin.
    """
    target = Path(target)
    twin = target.with_name(target.name + GZIP_TWIN)
    # Level 6: nearly level 9's size at a fraction of its time (67 MB of text: 1.1 s against 1.5 s; 5 MB
    # of records: 0.2 s against 5 s); mtime 0, so the same content gives the same bytes.
    return write_atomically(target, content), write_atomically(twin, gzip.compress(content, 6, mtime=0))


def _install_bundles(static_dir):
    return [write_atomically(asset_path(BUNDLE_NAME, static_dir), _bundle_content()),
            write_atomically(asset_path(STYLE_BUNDLE_NAME, static_dir), _style_bundle_content())]


def install_vendor_assets(static_dir=STATIC_DIR):
    """Copy Leaflet, jQuery and the plugins into ``static_dir/vendor``; cheap when already there.

    Returns
    -------
    list of pathlib.Path
        The installed files and folders.
    """
    installed = []
    for name, (spec, _) in ASSETS.items():
        source, target = _source(spec), asset_path(name, static_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        elif not target.exists() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)
        installed.append(target)
    return installed + _install_bundles(static_dir)


def install_geodata(files, static_dir=STATIC_DIR):
    """Serve exactly ``files`` (validated geodata files) from ``static_dir/geodata``.

    Call it only with files that passed :func:`atlas.data.geocheck.check_geodata_folder`
    (``Dataset.geodata_files``): what the browser fetches is what was validated.
    Each file is replaced atomically, so a browser never reads half a file, and
    a served file no longer among ``files`` is removed. A GeoJSON file is served
    with its gzip twin (:func:`write_with_gzip_twin`).

    Returns
    -------
    list of pathlib.Path
        The served copies (not the twins).
    """
    folder = Path(static_dir) / "geodata"
    folder.mkdir(parents=True, exist_ok=True)
    served, twins = [], []
    for source in map(Path, files):
        content = source.read_bytes()
        if source.suffix == ".geojson":  # fetched by the map: with its gzip twin (write_with_gzip_twin)
            plain, twin = write_with_gzip_twin(folder / source.name, content)
            served.append(plain)
            twins.append(twin)
        else:
            served.append(write_atomically(folder / source.name, content))
    names = {path.name for path in served + twins}
    for stale in folder.iterdir():
        if stale.is_file() and stale.name not in names:
            stale.unlink(missing_ok=True)
    return served


def install_static_assets(static_dir=STATIC_DIR, geodata_dir=GEODATA_DIR):
    """Install the vendor assets and serve the geodata files of ``geodata_dir`` that pass their checks.

    The app itself serves geodata only after the whole dataset passed
    (``ui.dataset_or_stop``); this is the command-line setup step.

    Returns
    -------
    list of pathlib.Path
        The installed files and folders.
    """
    from ..data.geocheck import check_geodata_folder

    passed, _ = check_geodata_folder(geodata_dir)
    return install_vendor_assets(static_dir) + install_geodata(passed, static_dir)


def _url(name):
    return f"{LOCAL_URL}/{_BUNDLES[name]() if name in _BUNDLES else ASSETS[name][1]}"


def use_local_assets(element, jquery=True):
    """Point a folium element's scripts and stylesheets at the app's own copies.

    Assets nobody serves locally (Bootstrap, Font Awesome, awesome-markers) are
    dropped: the atlas draws circle markers and its own legend, which need none.
    A ``folium.Map`` loads the bundle (Leaflet and the atlas's modules) and,
    unless ``jquery`` is False, jQuery, which folium's HTML popups need (the
    atlas's own maps have none). Returns ``element``.
    """
    names = [name for name, _ in getattr(type(element), "default_js", []) if name in ASSETS]
    # A script in the bundle is the bundle, under one name, so folium writes it into a page once.
    names = list(dict.fromkeys(BUNDLE_NAME if name in BUNDLE else name for name in names))
    css = [name for name, _ in getattr(type(element), "default_css", []) if name in ASSETS]
    css = [(name, _url(name)) for name in dict.fromkeys(STYLE_BUNDLE_NAME if name in STYLE_BUNDLE else name for name in css)]
    if type(element).__name__ == "Map":
        names = [*_JS, "jquery"] if jquery else list(_JS)
        css = [(name, _url(name)) for name in _CSS]
    element.default_js, element.default_css = [(name, _url(name)) for name in names], css
    return element


_SCRIPT_TAG = re.compile(r'<script src="(%s/[^"]+)"></script>' % re.escape(LOCAL_URL))
_LINK_TAG = re.compile(r'<link rel="stylesheet" href="(%s/[^"]+)"/>' % re.escape(LOCAL_URL))


def inline_assets(html, static_dir=STATIC_DIR):
    """Replace links to local assets in ``html`` by the files' contents.

    The result opens from disk with no server and no network. The assets are
    installed first (cheap when they are current), so a file made before any
    app process ran, or after an edit of ``atlas/vendor``, holds the current scripts.
    """
    install_vendor_assets(static_dir)

    def path_of(url):
        return Path(static_dir) / "vendor" / url[len(LOCAL_URL) + 1 :]

    def script(match):
        return "<script>" + path_of(match.group(1)).read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>"

    def style(match):
        css_path = path_of(match.group(1))
        return "<style>" + _embed_css_urls(css_path.read_text(encoding="utf-8"), css_path.parent) + "</style>"

    return _LINK_TAG.sub(style, _SCRIPT_TAG.sub(script, html))


_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")


def _embed_css_urls(css, folder):
    """Turn a stylesheet's relative url(...) references into data: URIs."""

    def replace(match):
        target = folder / match.group(2)
        if match.group(2).startswith(("data:", "http:", "https:", "#")) or not target.is_file():
            return match.group(0)
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return f"url(data:{mime};base64,{base64.b64encode(target.read_bytes()).decode()})"

    return _CSS_URL.sub(replace, css)


def compact_script(text):
    """Return ``text`` (folium's JavaScript or HTML head) without indentation and blank lines.

    Folium's templates indent every line by up to 20 spaces and leave many
    lines empty: a fifth of the map's message, sent again on every run. Lines
    stay lines, so a ``//`` comment still ends where it did; only whitespace at
    the start and end of a line goes, which JavaScript, CSS and HTML ignore
    outside multi-line strings (the map's scripts have none).

    Parameters
    ----------
    text : str or None

    Returns
    -------
    str or None
        ``None`` and ``""`` are returned as given.
    """
    if not text:
        return text
    return "\n".join(stripped for line in text.splitlines() if (stripped := line.strip()))
