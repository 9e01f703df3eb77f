"""The command line: ``framing score``, ``evaluate``, ``train``, ``cross-validate``, ``batch``,
``plot``.

The top stage: it reads arguments and files, calls the stages below and writes tables, JSON or
HTML; every user error ends in one line on stderr and exit status 2. Modules, bottom to top:

- ``options``: the scoring options shared by ``score``, ``evaluate`` and ``batch``.
- ``batch``: ``framing batch`` (corpus jobs, :mod:`framing.batch`).
- ``plot``: ``framing plot`` (figures of a batch output, :mod:`framing.show.plot`).
- ``main``: the ``framing`` parser and entry point (``main``), with ``score``, ``evaluate``,
  ``train`` and ``cross-validate``; ``python -m framing`` runs it.

A new command gets its own module with an ``add_<command>_parser(sub)`` function, registered in
``main.build_parser``.

May import: every stage below it: the ground floor, :mod:`framing.read`, :mod:`framing.lexicon`,
:mod:`framing.learn`, :mod:`framing.api`, :mod:`framing.measure`, :mod:`framing.batch` and
:mod:`framing.show`.
"""
