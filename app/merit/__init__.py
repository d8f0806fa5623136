"""Merit: performance evaluations, calibration, KPIs, discipline, rewards, the 9-box and decisions."""
