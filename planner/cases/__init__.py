"""Applications (案卷, issue 15): the case register, statutory deadlines over Chinese working days, case files.

Sits beside review (it keeps a case's review notes and its checks' findings) and may import versions, checking,
io and the bottom layer; report and the window read it. Never imports Qt.
"""
