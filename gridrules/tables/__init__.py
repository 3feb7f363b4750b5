"""Spreadsheets in and out: the published lists as a district prints them, and the
district's own tables read back in.

* ``sheet`` reads an xlsx or csv table as real spreadsheets have it (a title row,
  merged header cells, blank rows, full-width digits, trailing spaces; a merged range among the
  data refused, but down a column the table allows, such as the registry's 镇街) into rows
  whose cells know their place, ``sheet!G15`` (``workbook``: an xlsx sheet, its
  error cells and hidden rows, columns and sheets; ``days``: dates as tables write them);
  ``writer`` writes one;
* ``words`` holds the tables' Chinese headers and messages (the tool's own wording);
* ``published`` exports the admission list, temporary approvals, negative list,
  duties, event types and the registry, in force on a day;
* ``ledger`` reads the registry of communities and grids, ``unitids`` derives a new
  community's id, ``registry`` diffs and writes it (``--apply``, with a history entry);
* ``itemsheet`` turns a secretary's table of new or amended items into reviewed
  applications.
"""
