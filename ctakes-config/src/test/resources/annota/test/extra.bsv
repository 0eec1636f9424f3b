# Test-only dictionary: a made-up disorder with a UMLS-style ID and no codes side file.
# dictionary: Annota test extra 0.1
C9999991|T047|zorbulin deficiency|zorbulin deficiency
