"""Numbers only: what a scheme achieves on each parcel and every breach of the plan.

Owns: the engine (`engine.check`), clipping (`clip`), display precision and marginal breaches (`rules`),
control-line and setback checks (`controls`), and verdicts (`verdicts`: the one place that decides an
indicator's, a parcel's and a building's status).

May import: planner.io (the input layer types and reference tables), planner.model, planner.parallel.
Never Qt, never words (planner.messages), never the layers above. See docs/architecture.md.
"""
