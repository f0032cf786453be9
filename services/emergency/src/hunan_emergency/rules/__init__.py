"""Pure rules of 湖南省"十四五"应急体系建设规划 (R1–R58, listed in services/emergency/RULES.md): no I/O, each rule a
small function returning a Decision with its legal basis. Modules by topic:

classification (R1–R6) · warnings (R7–R9) · time_targets (R10–R13) · reserves (R14–R19) · teams (R20–R23)
· enterprise (R24–R30) · hidden_dangers (R31–R33) · sectors (R34–R45) · plans (R46–R49) · relief (R50–R53)
· governance (R54–R56, R58) · indicators (R57) · workflows (W1–W7 state machines).
"""
