package io.annota.bench.driver;

/**
 * What the driver reads from an HL7 v2 acknowledgement.
 *
 * @param code MSA-1 ({@code AA}, {@code AE}, {@code AR}, {@code CA}...), or {@code no-MSA} if unreadable
 * @param errorCode the HL7 table 0357 error code: ERR-3.1, else ERR-1.4.1 (before v2.5); "" if none
 * @param reason MSA-3, the server's reason text (Annota writes fixed texts that name segments and fields, never
 *        values), cut to {@value #MAX_REASON} characters so that a server echoing more cannot flood the report
 */
public record Acknowledgement(String code, String errorCode, String reason) {

    static final int MAX_REASON = 100;

    public static Acknowledgement read(byte[] ack) {
        Er7Fields fields = Er7Fields.of(ack);
        String code = fields.get("MSA", 1, 1);
        String errorCode = fields.get("ERR", 3, 1);
        if (errorCode.isEmpty()) {
            errorCode = fields.get("ERR", 1, 4);
        }
        String reason = fields.get("MSA", 3, 1).replaceAll("\\p{Cntrl}", " ");
        return new Acknowledgement(code.matches("[A-Z]{2}") ? code : "no-MSA",
                errorCode.matches("\\d{1,5}") ? errorCode : "",
                reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
    }

    /** AA, or CA in enhanced mode: the message was taken. */
    public boolean accepted() {
        return code.equals("AA") || code.equals("CA");
    }
}
