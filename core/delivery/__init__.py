"""Delivering a plan to the client: pure builders of the files a coach hands over.

One module per format: ``plan_json`` (the open plan format, its schema and its import),
``tables`` (CSV of a plan and of a client's logs), ``calendar`` (iCalendar), ``sheets`` (printable
PDF); ``prescription`` writes a prescription in the client's units for all of them, and ``files``
gathers a saved plan from the Storage port and names the file each builder makes.
"""
