"""The two-way assessment (双向考核): lifecycle records judged per event (``decide.lifecycle``),
counted per unit as integer tallies that merge exactly (``tally``), scored and listed
(``score``), and shown as text, JSON, a workbook or an HTML report.

``assess_records`` is the one entry point the command line (and, later, a cluster's
workers) call: partial ``Tally`` objects from any split of the records add up to the
same answer as one run over all of them.
"""

from gridrules.assess.periods import Period, parse_period
from gridrules.assess.run import AssessmentRun, assess_records

__all__ = ["AssessmentRun", "Period", "assess_records", "parse_period"]
