"""What a reader takes away: CSV and GeoJSON, the standalone map, the static figure, file names, citations."""
