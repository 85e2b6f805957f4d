"""The reader's selection: filters, the view in the URL, links to one item, search, months."""
