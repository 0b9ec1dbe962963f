"""Early detection of payment arrears (vroegsignalering): storing signals, the worklist, cases, debt help.

The contract's rules live in :mod:`meedoen.signals`; this app stores their outcome and serves the
signals team, the partners and the monitor.
"""
