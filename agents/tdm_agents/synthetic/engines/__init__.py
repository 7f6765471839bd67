"""Generation engines: `rules` (Faker pools and numpy draws) and `sdv` (learned from training data)."""
