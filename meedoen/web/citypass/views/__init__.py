"""The city pass pages: residents (their passes), providers (redeem, offers, statements) and the
municipality's pass officers (providers, lost passes, figures)."""
