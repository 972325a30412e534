"""Membership rules: lifecycle, periods and fees, registration and member numbers, regions."""
