package io.annota.synthetic;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;

/** Date formats written by hand (no locale-dependent formatting). */
final class Dates {

    /** Every generated date is this instant plus seeded offsets. */
    static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 7, 0);

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};

    /** Note date formats. */
    enum Format { US, ISO, LONG, DAY_MONTH, SHORT_US }

    private Dates() {
    }

    static Format anyFormat(Random random) {
        return Format.values()[random.nextInt(Format.values().length)];
    }

    static String format(LocalDate date, Format format) {
        int y = date.getYear();
        int m = date.getMonthValue();
        int d = date.getDayOfMonth();
        return switch (format) {
            case US -> two(m) + "/" + two(d) + "/" + y;
            case ISO -> y + "-" + two(m) + "-" + two(d);
            case LONG -> MONTHS[m - 1] + " " + d + ", " + y;
            case DAY_MONTH -> d + " " + MONTHS[m - 1].substring(0, 3) + " " + y;
            case SHORT_US -> m + "/" + d + "/" + two(y % 100);
        };
    }

    /** 14:05 */
    static String time(LocalDateTime time) {
        return two(time.getHour()) + ":" + two(time.getMinute());
    }

    /** HL7 DT: 19610214 */
    static String hl7Date(LocalDate date) {
        return date.getYear() + two(date.getMonthValue()) + two(date.getDayOfMonth());
    }

    /** HL7 TS: yyyyMMddHHmm[ss][offset] */
    static String hl7Time(LocalDateTime time, boolean seconds, String offset) {
        return hl7Date(time.toLocalDate()) + two(time.getHour()) + two(time.getMinute())
                + (seconds ? two(time.getSecond()) : "") + (offset == null ? "" : offset);
    }

    /** FHIR dateTime with seconds and offset: 2024-03-05T10:15:00-05:00 */
    static String fhirDateTime(LocalDateTime time, String offset) {
        String zone = offset.substring(0, 3) + ":" + offset.substring(3);
        return format(time.toLocalDate(), Format.ISO) + "T" + two(time.getHour()) + ":" + two(time.getMinute()) + ":"
                + two(time.getSecond()) + zone;
    }

    static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
