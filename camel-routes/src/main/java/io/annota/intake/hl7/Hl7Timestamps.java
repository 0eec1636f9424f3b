package io.annota.intake.hl7;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

/**
 * HL7 v2 TS/DTM values ({@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}) as FHIR date and dateTime.
 *
 * <p>Precision is kept: {@code 2024} stays a year, {@code 202403} a month, {@code 20240305} a day. A value
 * with a time becomes a FHIR dateTime with seconds (missing minutes and seconds are zero) and an offset: the
 * offset sent in the value if there is one, otherwise the offset that the configured default zone has at that
 * local time. Date-only values carry no offset (FHIR allows none there). Values that do not match the
 * pattern, or name an impossible date or time, are rejected ({@link IllegalArgumentException}, without the
 * value in the message).
 */
public final class Hl7Timestamps {

    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,4}))?)?)?)?)?)?"
                    + "([+-]\\d{4})?");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    private final ZoneId defaultZone;

    public Hl7Timestamps(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /** The date part of a TS as a FHIR date (year, month or day precision); time and offset are dropped. */
    public DateType date(String value) {
        Matcher m = match(value);
        int year = Integer.parseInt(m.group(1));
        try {
            if (m.group(2) == null) {
                return new DateType(String.format("%04d", year));
            }
            YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(2)));
            if (m.group(3) == null) {
                return new DateType(month.toString());
            }
            return new DateType(month.atDay(Integer.parseInt(m.group(3))).toString());
        } catch (DateTimeException e) {
            throw invalid();
        }
    }

    /** A TS as a FHIR dateTime, see the class comment for precision and offset. */
    public DateTimeType dateTime(String value) {
        Matcher m = match(value);
        if (m.group(4) == null) {
            return new DateTimeType(date(value).getValueAsString());
        }
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            int hour = Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            String fraction = m.group(7);
            int millis = fraction == null ? 0 : Integer.parseInt((fraction + "000").substring(0, 3));
            LocalDateTime local = day.atTime(hour, minute, second, millis * 1_000_000);
            ZoneOffset offset = m.group(8) != null
                    ? ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3))
                    : defaultZone.getRules().getOffset(local);
            String iso = local.atOffset(offset).format(fraction == null ? SECONDS : MILLIS);
            return new DateTimeType(iso);
        } catch (DateTimeException e) {
            throw invalid();
        }
    }

    private static Matcher match(String value) {
        Matcher m = TS.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw invalid();
        }
        return m;
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("not a valid HL7 TS/DTM value");
    }
}
