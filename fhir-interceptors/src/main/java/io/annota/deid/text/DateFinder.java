package io.annota.deid.text;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates written in free text, in the common formats: ISO ({@code 2024-03-05}, with a time), numeric
 * ({@code 03/05/2024}, {@code 3-5-24}, {@code 05.03.2024}), month names and abbreviations ({@code March 5, 2024},
 * {@code Mar. 5th}, {@code 5 March 2024}, {@code 5th of March}, {@code 05-Mar-2024}), an optional weekday in
 * front and a time behind, and month with year ({@code March 2024}, {@code 03/2024}). A bare year is kept (Safe
 * Harbor allows years). {@link #shift} moves a date by a number of days and writes it in the format it was
 * written in. Numeric dates are read month first (US) unless the first number cannot be a month.
 */
public final class DateFinder {

    static final String MONTH = "(?<mon>(?i:january|february|march|april|may|june|july|august|september|october"
            + "|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))";
    private static final String WEEKDAY = "(?:(?<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            + "|tues|thurs|thur|mon|tue|wed|thu|fri|sat|sun))\\.?,?\\s+)?";
    private static final String TIME = "(?:(?:T|,?\\s+(?:at\\s+)?)\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
            + "(?:\\s?(?i:[ap]\\.?m\\.?))?(?:Z|[+-]\\d{2}:?\\d{2}|\\s(?:UTC|GMT|[ECMP][SD]T))?)?";
    private static final String ORD = "(?<ord>(?i:st|nd|rd|th))?";
    /** Not followed by letters, digits or "%" (ventilator settings: "10/5/40%"), nor by more date-like parts. */
    private static final String END = "(?![\\p{L}\\p{N}%]|[-/.]\\d)";

    /** Where each format's matches start ({@link Anchors}), in the order of {@link #FORMATS}. */
    private static final List<Anchors.Kind> STARTS = List.of(Anchors.Kind.DIGIT, Anchors.Kind.DIGIT, Anchors.Kind.KEY,
            Anchors.Kind.DIGIT_OR_KEY, Anchors.Kind.DIGIT, Anchors.Kind.KEY, Anchors.Kind.DIGIT);
    /** Month and weekday names (and their abbreviations) a month-first date starts with. */
    private static final java.util.Set<String> CALENDAR_WORDS = Anchors.keys("january|february|march|april|may|june|july"
            + "|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec|monday"
            + "|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|thur|mon|tue|wed|thu|fri|sat|sun");
    /** Weekdays (a day-first date may open with one), or any digit run. */
    private static final java.util.Set<String> WEEKDAY_WORDS = Anchors.keys("monday|tuesday|wednesday|thursday|friday"
            + "|saturday|sunday|tues|thurs|thur|mon|tue|wed|thu|fri|sat|sun");

    private static final List<Pattern> FORMATS = List.of(
            // 2024-03-05, 2024/03/05, 2024.03.05, with an optional time
            Pattern.compile("(?<![\\p{L}\\p{N}./-])(?<y>\\d{4})(?<s>[-/.])(?<m>\\d{1,2})\\k<s>(?<d>\\d{1,2})" + TIME + END),
            // 03/05/2024, 3-5-24, 05.03.2024 (month first unless the first number is over 12)
            Pattern.compile("(?<![\\p{L}\\p{N}./-])(?<a>\\d{1,2})(?<s>[-/.])(?<b>\\d{1,2})\\k<s>(?<y>\\d{4}|\\d{2})" + TIME + END),
            // Tuesday, March 5th, 2024 / Mar. 5 / March 5 2024 10:00
            Pattern.compile("\\b" + WEEKDAY + MONTH + "\\.?\\s+(?<d>\\d{1,2})" + ORD
                    + "(?![\\p{N}:])(?:,?\\s+(?<y>\\d{4})(?!\\p{N}))?" + TIME + "(?![\\p{L}\\p{N}])"),
            // 5 March 2024, 5th of March, the 5th of March, 2024
            Pattern.compile("\\b" + WEEKDAY + "(?<d>\\d{1,2})" + ORD + "(?:\\s+of)?\\s+" + MONTH
                    + "\\.?(?:,?\\s+(?<y>\\d{4})(?!\\p{N}))?" + TIME + "(?![\\p{L}\\p{N}])"),
            // 05-Mar-2024, 5/Mar/24
            Pattern.compile("(?<![\\p{L}\\p{N}])(?<d>\\d{1,2})(?<s>[-/ ])" + MONTH + "\\.?\\k<s>(?<y>\\d{4}|\\d{2})"
                    + TIME + END),
            // March 2024, Mar. 2024, March, 2024
            Pattern.compile("\\b" + MONTH + "\\.?,?\\s+(?<y>\\d{4})(?![\\p{L}\\p{N}])"),
            // 03/2024
            Pattern.compile("(?<![\\p{L}\\p{N}./-])(?<m>\\d{1,2})/(?<y>\\d{4})" + END));

    private static final String[] MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private DateFinder() {
    }

    /** Adds a {@link PhiType#DATE} span for every date in {@code text}. */
    public static void find(String text, List<PhiSpan> out, int priority) {
        find(text, new Anchors(text), out, priority);
    }

    /** As {@link #find(String, List, int)}, with the text's anchors already found. */
    static void find(String text, Anchors anchors, List<PhiSpan> out, int priority) {
        for (int f = 0; f < FORMATS.size(); f++) {
            Anchors.Kind kind = STARTS.get(f);
            anchors.matches(FORMATS.get(f), kind, kind == Anchors.Kind.DIGIT_OR_KEY ? WEEKDAY_WORDS : CALENDAR_WORDS, m -> {
                if (read(m) != null) {
                    out.add(new PhiSpan(m.start(), m.end(), PhiType.DATE, priority, "pattern:date"));
                }
            });
        }
    }

    /**
     * {@code written} (a whole date as found in text) moved by {@code days} days and written the same way
     * (numeric widths, month names or abbreviations, letter case, ordinals, weekday, time kept); null if it is
     * not a date with a year. A month with a year (no day) is moved as its 15th.
     */
    public static String shift(String written, int days) {
        String trimmed = written.strip();
        for (Pattern format : FORMATS) {
            Matcher m = format.matcher(trimmed);
            if (m.matches()) {
                Parsed p = read(m);
                if (p == null || p.year < 0) {
                    return null;
                }
                return rewrite(trimmed, m, p, days);
            }
        }
        return null;
    }

    /** The parts of a match; null if they do not form a date. */
    private record Parsed(int year, int month, int day, String monthGroup, String dayGroup) {
    }

    private static Parsed read(Matcher m) {
        String mon = group(m, "mon");
        if (mon != null && !Character.isUpperCase(mon.charAt(0))) {
            return null; // "may", "mar" as words
        }
        int year = -1;
        String y = group(m, "y");
        if (y != null) {
            year = y.length() == 2 ? expandYear(Integer.parseInt(y)) : Integer.parseInt(y);
        }
        int month;
        int day = -1;
        String monthGroup;
        String dayGroup = group(m, "d") != null ? "d" : null;
        if (mon != null) {
            month = monthNumber(mon);
            monthGroup = "mon";
        } else if (group(m, "a") != null) {
            int a = Integer.parseInt(m.group("a"));
            int b = Integer.parseInt(m.group("b"));
            if (a > 12 && b <= 12) {
                month = b;
                day = a;
                monthGroup = "b";
                dayGroup = "a";
            } else {
                month = a;
                day = b;
                monthGroup = "a";
                dayGroup = "b";
            }
        } else {
            month = Integer.parseInt(m.group("m"));
            monthGroup = "m";
        }
        if (dayGroup != null && day < 0) {
            day = Integer.parseInt(m.group(dayGroup));
        }
        if (month < 1 || month > 12) {
            return null;
        }
        if (dayGroup == null) {
            if (year < 1800 || year > 2200) {
                return null;
            }
        } else if (day < 1 || day > 31 || (year >= 0 && !valid(year, month, day))) {
            return null;
        }
        if (y != null && y.length() == 4 && (year < 1800 || year > 2200)) {
            return null;
        }
        return new Parsed(year, month, day, monthGroup, dayGroup);
    }

    private static String rewrite(String text, Matcher m, Parsed p, int days) {
        LocalDate original = LocalDate.of(p.year, p.month, p.dayGroup == null ? 15 : p.day);
        LocalDate shifted = original.plusDays(days);
        List<int[]> spans = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String y = m.group("y");
        add(spans, values, m, "y", y.length() == 2 ? pad(shifted.getYear() % 100, 2) : Integer.toString(shifted.getYear()));
        String monthText = m.group(p.monthGroup);
        boolean named = p.monthGroup.equals("mon");
        add(spans, values, m, p.monthGroup, named
                ? monthName(shifted.getMonthValue(), monthText)
                : pad(shifted.getMonthValue(), monthText.length()));
        if (p.dayGroup != null) {
            String dayText = m.group(p.dayGroup);
            // numeric dates keep their width; with a month name only a written leading zero is kept
            int width = named && !dayText.startsWith("0") ? 1 : dayText.length();
            add(spans, values, m, p.dayGroup, pad(shifted.getDayOfMonth(), width));
            String ord = group(m, "ord");
            if (ord != null) {
                add(spans, values, m, "ord", sameCase(ordinal(shifted.getDayOfMonth()), ord));
            }
        }
        String wd = group(m, "wd");
        if (wd != null) {
            add(spans, values, m, "wd", weekday(shifted.getDayOfWeek(), wd));
        }
        StringBuilder out = new StringBuilder(text);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> spans.get(i)[0]).reversed());
        for (int i : order) {
            out.replace(spans.get(i)[0], spans.get(i)[1], values.get(i));
        }
        return out.toString();
    }

    private static void add(List<int[]> spans, List<String> values, Matcher m, String group, String value) {
        spans.add(new int[] {m.start(group), m.end(group)});
        values.add(value);
    }

    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            return null; // the format has no such group
        }
    }

    /** Two-digit years: up to the current year's two digits are this century, later ones the last. */
    static int expandYear(int twoDigits) {
        int now = Year.now().getValue();
        int century = now / 100 * 100;
        return twoDigits <= now % 100 ? century + twoDigits : century - 100 + twoDigits;
    }

    static int monthNumber(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTH_NAMES.length; i++) {
            if (MONTH_NAMES[i].toLowerCase(Locale.ROOT).startsWith(key.length() >= 3 ? key.substring(0, 3) : key)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean valid(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return width >= 2 && s.length() < 2 ? "0" + s : s;
    }

    private static String monthName(int month, String like) {
        String full = MONTH_NAMES[month - 1];
        boolean abbreviated = like.length() == 3 && !like.equalsIgnoreCase("may") || like.equalsIgnoreCase("sept");
        String name = !abbreviated ? full : (month == 9 && like.length() == 4 ? "Sept" : full.substring(0, 3));
        return sameCase(name, like);
    }

    private static String weekday(DayOfWeek day, String like) {
        String full = day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
        return sameCase(like.length() > 4 ? full : full.substring(0, 3), like);
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** {@code word} in the letter case of {@code like}: upper, lower or capitalised. */
    static String sameCase(String word, String like) {
        boolean upper = like.length() > 1 && like.equals(like.toUpperCase(Locale.ROOT));
        if (upper) {
            return word.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(like.charAt(0))) {
            return Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT);
        }
        return word.toLowerCase(Locale.ROOT);
    }
}
