"""The map: the base map, the symbols and their records, labels, vague places' areas, framing, popups, assets."""
