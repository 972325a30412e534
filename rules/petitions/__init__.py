"""Pure decisions about petitions: signers, places, states, thresholds, floods and counters."""
