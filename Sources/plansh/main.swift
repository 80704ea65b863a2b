import PlanShell
print("plansh")
