"""Reports for a committee: every figure computed once (``figures``), written as plan.xlsx
(``workbook``) and report.html (``html``). May import every layer but the solver."""
