"""`copydesk audit`: batch audits of whole archives, a front end over the runner.

archive.py reads the inputs, worker.py audits each article in a worker process,
tally.py keeps the figures, run.py drives the run and writes the outputs,
compare.py compares two audits and report.py renders report.html. The data files
are described in docs/audit-data.md.
"""
