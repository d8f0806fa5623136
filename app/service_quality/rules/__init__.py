"""Pure rules of public service quality: IKM, the complaint workflow, working days, periods."""
