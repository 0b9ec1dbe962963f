"""Settings per environment: ``base`` reads the environment, the others set what differs."""
