"""Reading the text: an article's characters become sentences, tokens, parties and quotations.

The first stage of the pipeline; nothing here knows about frames. Modules, bottom to top:

- ``words``: word forms (:func:`~framing.read.words.verb_forms`, ``noun_forms``) and the word
  tables the stage shares (``function_words``, ``irregular_verbs``).
- ``text``: boilerplate set aside, title, dateline, sentences with character offsets
  (:class:`~framing.read.text.CleanArticle`, ``Sentence``) and tokens (``Tokens``, ``tokenize``).
- ``actors``: the actor dictionary and the parties named in a sentence
  (:class:`~framing.read.actors.ActorDictionary`, ``Mention``).
- ``coref``: pronouns and descriptions resolved to a party (``Discourse``).
- ``clauses``: clause boundaries and quotation marks in a sentence (``Clauses``, ``segment``).
- ``speech``: who is quoted or reported as saying what (``Said``, ``find_statements``).

May import: the ground floor only (``framing.labels``, ``errors``, ``resources``, ``results``).
Every later stage may import this one.
"""
