package io.annota.synthetic;

/** The kinds of protected health information the generator injects and records as gold. */
public enum PhiType {
    PATIENT_NAME,
    RELATIVE_NAME,
    CLINICIAN_NAME,
    STREET_ADDRESS,
    CITY,
    ZIP,
    DATE,
    BIRTH_DATE,
    PHONE,
    EMAIL,
    SSN,
    MRN,
    ACCOUNT_NUMBER,
    VISIT_NUMBER,
    URL
}
