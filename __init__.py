"""trainplan: who studies what, and when, so that commune officials reach their training
targets at the least cost and the least disruption to work.

Layers, each depending only on those above it in this list:

- ``trainplan.models``: frozen data (scenario, plan, statuses, problems, the rules' registry)
- ``trainplan.checking``: scenario validation and the independent plan checker
- ``trainplan.wording``: messages for people, from gettext catalogues (English, Vietnamese)
- ``trainplan.solver``: the CP-SAT model and search (the only code that imports an engine)
- ``trainplan.generator``: synthetic scenarios of any size
- ``trainplan.files``: reading scenario and plan folders, writing plan folders
- ``trainplan.terminal``: what the command line shows (tables, progress, summaries)
- ``trainplan.cli``: the command line
"""
