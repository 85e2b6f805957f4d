"""The data contract and loading: the schema, the checks of data/ and geodata/, the gazetteer, dates."""
