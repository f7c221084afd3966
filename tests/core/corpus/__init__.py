"""A corpus of malformed inputs for `planner check` and `planner diff`, generated from the sample data (issue 11).

generate.py writes each case and states its expected outcome; run.py runs a case in-process and checks it;
report.py runs them all and prints the counts by outcome class. tests/core/test_corpus.py runs them under pytest.
"""
