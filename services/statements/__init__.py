"""Position statements: rendering and sanitising their Markdown text."""
