"""What the platform does. Services take a session, flush, and never touch the request."""
