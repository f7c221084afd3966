"""Plan versions: what an amendment changed (`diff`) and which findings depend on the version (`compare`).

No words: sentences about changes are made in planner.messages, documents in planner.report.serialise.
May import: planner.checking, planner.io, planner.model. Never Qt. See docs/architecture.md.
"""
