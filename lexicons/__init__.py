"""Data files of ``framing``: lexicons, actor dictionary, word lists (see README.md here)."""
