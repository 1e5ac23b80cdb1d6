"""Quality benchmark of the cleaner against trafilatura alone (``python -m bench.quality``)."""
