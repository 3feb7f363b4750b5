"""Pages for people: the service's work as Chinese web pages (``gridrules serve``, under ``/ui``).

A department clerk checks a task before dispatching it, a dispatcher routes an
event, the joint meeting's secretariat handles applications and the published
list, a town records its temporary approvals, the district reads the decision
log and the assessment as charts.  Server-rendered Jinja2 templates, a little
JavaScript, every asset inside the package; each page calls the same library
functions as the service's endpoints, and every decision is logged before it is
shown.
"""
