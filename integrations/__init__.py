"""The outside world behind small interfaces: mail transport and Stripe."""
