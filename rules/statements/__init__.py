"""Pure decisions about position-statement text: evidence short codes and word diffs."""
