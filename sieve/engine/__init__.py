"""What every view computes from a session: group levels, gates, scores, ranks, flags."""
