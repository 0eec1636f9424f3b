package io.annota.synthetic;

/**
 * The kinds of protected health information the generator injects and records as gold. {@link #HOSPITAL},
 * {@link #AGE} and {@link #YEAR} occur only in nursing notes ({@link SyntheticFeed#nursingNote()}).
 */
public enum PhiType {
    PATIENT_NAME,
    RELATIVE_NAME,
    /** Doctors, nurses, nurse practitioners, therapists, social workers. */
    CLINICIAN_NAME,
    STREET_ADDRESS,
    /** A city or town on its own ("lives in Port Hollis") or in an address. */
    CITY,
    ZIP,
    /** A date in any format, with or without a year ({@code 7/22}, {@code 22-Jul}, {@code July 22nd}). */
    DATE,
    BIRTH_DATE,
    /** A phone, cell or pager number. */
    PHONE,
    EMAIL,
    SSN,
    MRN,
    ACCOUNT_NUMBER,
    VISIT_NUMBER,
    URL,
    /**
     * A hospital, rehabilitation centre or nursing home: its short name ({@code GH}, {@code BMC}) or the name part of
     * "Kessler hosp", "St. Agnes hospital", "Alder rehab" (the generic head noun is not part of the span).
     */
    HOSPITAL,
    /** An age over 89 (the number only). */
    AGE,
    /** A year on its own ({@code 1992}; in {@code '92} only the digits). */
    YEAR
}
