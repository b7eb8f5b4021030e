"""Exchange between cities: diff, adopt, merge scores, three-way merge, compare."""
