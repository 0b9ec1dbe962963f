"""Bundled demo data: synthetic, deterministic and calibrated to published figures (never real people)."""
