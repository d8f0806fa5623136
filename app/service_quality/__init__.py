"""Public service quality: services, the satisfaction survey (IKM), complaints and their KPIs."""
