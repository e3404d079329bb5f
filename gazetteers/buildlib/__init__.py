"""The gazetteer build, split by entity family; gazetteers/build.py runs it."""
