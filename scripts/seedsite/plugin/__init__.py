"""seedsite as an MkDocs plugin: ``plugins: [seedsite: {seeds: seeds}]`` in mkdocs.yml.

``config.py`` declares the options, ``plugin.py`` has the ``on_*`` events, ``pages.py`` runs the
pipeline and keeps what one build hands to the next, ``serve.py`` is what only ``mkdocs serve``
needs, ``feeds.py`` keeps the feeds and Material's index whole, ``compat.py`` holds every
reach into another package's internals, and ``theme/`` has the templates and assets the pages
need (article template, search worker, style sheet). The entry point (pyproject.toml) names
``seedsite.plugin.plugin:SeedsitePlugin``; nothing is imported here, so the pipeline can use
``compat`` without loading MkDocs' plugin machinery.
"""
