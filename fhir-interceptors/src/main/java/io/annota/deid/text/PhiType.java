package io.annota.deid.text;

/** What a span of free text was recognised as, and the typed tag that replaces it. */
public enum PhiType {
    NAME("[NAME]"),
    /** A place name on its own: city, state, country. */
    LOCATION("[LOCATION]"),
    /** A street address or a part of one (house number and street, apartment, PO box). */
    ADDRESS("[ADDRESS]"),
    ZIP("[ZIP]"),
    DATE("[DATE]"),
    PHONE("[PHONE]"),
    EMAIL("[EMAIL]"),
    URL("[URL]"),
    IP("[IP]"),
    SSN("[SSN]"),
    /** Record, account, licence, policy, card and other identifying numbers. */
    ID("[ID]"),
    /** An age over 89. */
    AGE("[AGE]");

    private final String tag;

    PhiType(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
