"""Parse and validate one record of the feed, per kind: the values every record uses
(`values`), products (`products`, with their `images` and `variants`), production partners
(`partners`) and retailers (`retailers`).

Each `normalise_*` takes one record in the JSON shape (the CSV reader builds that shape first)
and returns its dataclass (`catalogue.sync.feed`), or raises `RowInvalid`: that row is skipped
and reported, the rest of the feed syncs.
"""
