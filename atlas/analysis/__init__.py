"""Measures of a selection: distance to the border, the border belt, zones, actors' extents, counts, charts."""
