"""Poll results: tallies, honest percentages, suppressed breakdowns, headlines, quorum."""
