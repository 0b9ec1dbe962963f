"""Output helpers shared by the reports of the analyses and the monitor (charts, file writing).

A leaf: it imports nothing else of Meedoen, so every report can use it without crossing layers.
"""
