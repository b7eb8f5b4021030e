"""Writing: lossless, atomic, conflict-aware edits of sieve's TOML files (the only tomlkit user)."""
