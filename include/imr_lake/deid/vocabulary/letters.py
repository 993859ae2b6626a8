"""The letters' own administrative vocabulary (this project's list, v1).

The bodies and forms every IMR determination letter names: the Division of Workers'
Compensation, the Department of Industrial Relations, Maximus Federal Services (the IMR
contractor of California, not a party of the case), the Labor Code, the forms and
headings of the process, and the function words a title-case heading capitalises.
None of them identifies a patient, employer or insurer.
"""

from __future__ import annotations

from functools import cache

_WORDS = """
    maximus federal services independent medical review imr division workers workers'
    worker's compensation comp department industrial relations dir dwc labor code
    california code regulations ccr title section subdivision rule rules appeal appeals
    board wcab request requests authorization rfa utilization ur determination
    determinations notice final decision application applicant claims administrator
    adjuster adjustor employer insurer carrier self-insured party reviewer reviewers expert
    summary case cases claim claims documents reviewed relied upon issue issues dispute
    disputed item items treatment requested rationale citation guideline guidelines
    qualifications specialty subspecialty licensed license board certified certification
    priority standard expedited upheld overturned uphold overturn partially modified denied
    approved non-certified certified non-certification dear sincerely cc enclosure
    enclosures attachment attachments attention attn page pages exhibit exhibits copy
    copies mail mailed sent proof service medical records record physician physicians
    provider providers primary treating requesting progress report reports pr-2 pr-4 qme
    ame pqme panel qualified agreed evaluator evaluation reevaluation supplemental
    deposition testimony letter letters note notes date dated dates received assigned
    injury injuries day days week weeks month months year years patient patients
    claimant employee employees worker workers injured gender male female age
    online version retrospective prospective
    a an the this that these those it its he she his her him they their them we our you
    your i in on at of for from to by with without per via and or nor but if as is was are
    were be been has had have do does did not no yes all any each every some such other
    also then than there here when where while which who whom whose what why how after
    before during since until upon under over regarding based given however therefore thus
    please
"""


@cache
def words() -> frozenset[str]:
    return frozenset(_WORDS.split())
