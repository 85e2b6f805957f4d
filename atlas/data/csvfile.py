"""Read a data CSV as strings, knowing each row's physical line, and say what is wrong with the file itself.

pandas reports a bad byte by offset, renames a duplicated column ``title.1``
and counts rows rather than lines; this reader uses Python's :mod:`csv`
module (strict quoting) so every message names the line a person sees in an
editor, also after line breaks inside quotes and blank lines.
"""

import bisect
import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .schema import CELL_SPACE, MAX_QUOTE_CHARS
from .validation import Problem, check_columns, shorten

__all__ = ["read_csv", "decode_text", "control_problems"]

# C0 controls except TAB, LF and CR, plus DEL: never meant in a data file.
# Also the bidirectional embeddings, overrides and isolates: one in a title had turned the app's own
# sentence around it backwards ("... woleb sliated"). The marks (U+200E, U+200F) stay allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_MAX_CONTROL_REPORTS = 20


def decode_text(raw, file):
    """Return ``(text, problems)``: ``raw`` bytes decoded as UTF-8, or None and a problem naming the line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = (f"is not UTF-8 text: byte 0x{raw[error.start]:02x} on line {line} cannot be read; "
                   f"save the file as UTF-8")
        return None, [Problem(file, line, "", "", message, rule="R02")]
    return text.removeprefix("\ufeff"), []


def _row_id(text, line):
    """Return the first field of physical ``line`` of ``text`` when it looks like an id, else ''."""
    lines = text.split("\n")
    first = lines[line - 1].split(",", 1)[0].strip() if 1 < line <= len(lines) else ""  # line 1: the header
    return first if re.fullmatch(r"[A-Za-z0-9_]{1,40}", first) else ""


def control_problems(text, file):
    """Return a problem for each line holding a control character (NUL, ...), at most 20 and a summary."""
    matches = list(_CONTROL.finditer(text))
    if not matches:
        return []
    starts = [m.start() for m in re.finditer("\n", text)]
    problems, seen = [], set()
    for match in matches:
        line = bisect.bisect_left(starts, match.start()) + 1
        if line in seen:
            continue
        seen.add(line)
        if len(problems) == _MAX_CONTROL_REPORTS:
            problems.append(Problem(file, None, "", "", "more lines hold control characters", rule="R03"))
            break
        kind = "bidirectional control character" if _BIDI.match(match.group()) else "control character"
        problems.append(Problem(file, line, _row_id(text, line), "", f"contains the {kind} U+{ord(match.group()):04X}",
                                rule="R03"))
    return problems


def read_csv(path, file=None, columns=None):
    """Read a data CSV as a table of stripped strings.

    Parameters
    ----------
    path : path-like
    file : str, optional
        The name used in messages (default: the path as given).
    columns : sequence of str, optional
        The columns the file should have. When rows and header disagree in
        their number of fields, the header is compared with them too, so a
        column added to the header but filled in only some rows is named
        (R07), not only each short row (R05).

    Returns
    -------
    frame : pandas.DataFrame or None
        Every cell a stripped string; None when the file cannot be read as a table.
    lines : numpy.ndarray of int or None
        Physical line (from 1) where each row starts.
    problems : list of Problem
        What is wrong with the file as a file (encoding, delimiter, quoting,
        header, control characters); the rows' values are checked by
        :mod:`atlas.data.validation`.
    """
    path = Path(path)
    file = file or str(path)

    def fail(message, rule, line=None):
        return None, None, [Problem(file, line, "", "", message, rule=rule)]

    if path.is_dir():
        return fail("is a folder, not a file", "R01")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return fail("file not found", "R01")
    except OSError as error:
        return fail(f"cannot be read ({error.strerror})", "R01")
    text, problems = decode_text(raw, file)
    if text is None:
        return None, None, problems
    if not text.strip():
        return fail("is empty (it needs a header line and rows)", "R06")
    problems = control_problems(text, file)
    if problems:
        text = _CONTROL.sub("", text)  # reported above, so the rest of the file can still be checked
    records, lines = [], []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous = 0
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if record:  # a blank line
                records.append(record)
                lines.append(start)
    except csv.Error as error:
        line = previous + 1
        if "end of data" in str(error) or "EOF" in str(error):
            message = f"a quote opened on line {line} is never closed"
        elif "field larger than field limit" in str(error):
            row = _row_id(text, line)
            message = (f"line {line}{f' (id {row})' if row else ''} holds a field of more than "
                       f"{csv.field_size_limit():,} characters; no field of the atlas is that long (a quote is at "
                       f"most {MAX_QUOTE_CHARS} characters): shorten it, or close a quote left open before it")
        else:
            message = (f"is not valid CSV from line {line}: {error} (a field holding a comma, quote or line break "
                       f"must be in double quotes, with quotes inside it doubled)")
        return None, None, [*problems, Problem(file, line, "", "", message, rule="R05")]
    header = [cell.strip(CELL_SPACE) for cell in records[0]]
    for delimiter, word in ((";", "';'"), ("\t", "TAB")):
        if any(delimiter in cell for cell in header):
            message = f"separates its columns with {word}; data files use commas"
            return None, None, [*problems, Problem(file, lines[0], "", "", message, rule="R04")]
    seen = {}
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(file, lines[0], "", "", f"header cell {position} has no column name", rule="R07"))
        elif name in seen:
            problems.append(Problem(file, lines[0], "", name,
                                    f"appears twice in the header (cells {seen[name]} and {position})", rule="R07"))
        seen.setdefault(name, position)
    if len(records) == 1:
        problems.append(Problem(file, None, "", "", "has a header but no rows", rule="R06"))
    width = len(header)
    ragged = [i for i, record in enumerate(records) if len(record) != width]
    if ragged and columns is not None and not any(p.rule == "R07" for p in problems):
        problems += check_columns(pd.DataFrame(columns=header), file, columns)  # the header's line first
    for i in ragged:
        problems.append(Problem(file, lines[i], shorten(records[i][0].strip(), 20).strip("'"), "",
                                f"has {len(records[i])} fields; the header has {width}", rule="R05"))
    if len(problems) > 0 and any(p.rule in ("R05", "R06", "R07") for p in problems):
        return None, None, problems
    frame = pd.DataFrame(records[1:], columns=header, dtype=str)
    frame = frame.apply(lambda column: column.str.strip(CELL_SPACE))
    return frame, np.asarray(lines[1:], dtype=int), problems
