"""The benchmark: `python -m bizop_tui.bench` times bizop against baselines on synthetic models."""
