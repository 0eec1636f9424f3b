package io.annota.deid.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Address blocks as letters and forms write them: after a recognised street, unit or PO box, the rest of its
 * line and up to three following short lines of capitalised words, state codes and numbers (town, state,
 * country, postcode) belong to the address; a number right after a place name ("Uruguay 64677", "Boston
 * 02118") is a ZIP code. Runs after the other detectors, on their spans.
 */
public final class AddressBlocks {

    private static final int MAX_LINE = 48;
    /** A short address line: capitalised or upper-case words, numbers, commas, full stops, hyphens. */
    private static final Pattern ADDRESS_LINE = Pattern.compile(
            "[^\\p{L}\\p{N}\\n]*(?:(?:\\p{Lu}[\\p{L}\\p{M}'.-]*|\\d{1,6}(?:-\\d{1,4})?|[A-Z]{2}|of|de|la|le|am|an|der|upon|on|nad|pod)"
            + "[ \\t,.()]*){1,6}");
    /** A short lower-case line with a number ("belgium 97466"). */
    private static final Pattern LOWER_LINE = Pattern.compile("[^\\p{L}\\p{N}\\n]*(?:\\p{L}[\\p{L}\\p{M}'.-]*[ \\t,]+){0,2}\\d{3,6}[ \\t.]*"
            + "|[^\\p{L}\\p{N}\\n]*\\p{L}[\\p{L}\\p{M}'.-]*[ \\t]*");
    private static final Pattern NUMBER_BEFORE = Pattern.compile("(\\d{1,6})[ \\t,]+$");
    private static final Pattern ZIP_AFTER_PLACE = Pattern.compile("\\G,?[ \\t]+(\\d{4,6}(?:-\\d{4})?|\\d{3}[ ]\\d{2})(?![\\w-])");

    private AddressBlocks() {
    }

    /** Adds the continuation lines and ZIP codes of the address spans already in {@code spans}. */
    public static void find(String text, List<PhiSpan> spans) {
        List<PhiSpan> added = new ArrayList<>();
        for (PhiSpan span : spans) {
            if (span.type() == PhiType.LOCATION || span.type() == PhiType.ADDRESS) {
                Matcher zip = ZIP_AFTER_PLACE.matcher(text);
                if (zip.find(span.end())) {
                    added.add(new PhiSpan(zip.start(1), zip.end(1), PhiType.ZIP, PatternFinder.SHAPE, "address:zip"));
                }
            }
            if (span.type() != PhiType.ADDRESS) {
                continue;
            }
            int lineStart = text.lastIndexOf('\n', span.start() - 1) + 1;
            Matcher before = NUMBER_BEFORE.matcher(text.substring(Math.max(lineStart, span.start() - 12), span.start()));
            if (before.find()) {
                int offset = Math.max(lineStart, span.start() - 12);
                added.add(new PhiSpan(offset + before.start(1), offset + before.end(1), PhiType.ADDRESS, PatternFinder.WEAK, "address:block-line"));
            }
            int pos = span.end();
            for (int line = 0; line <= 3 && pos < text.length(); line++) {
                int eol = text.indexOf('\n', pos);
                if (eol < 0) {
                    eol = text.length();
                }
                String rest = text.substring(pos, eol);
                if (rest.isBlank()) {
                    if (line == 0) {
                        pos = eol + 1;
                        continue;
                    }
                    break;
                }
                boolean lowerOk = line > 0 && LOWER_LINE.matcher(rest).matches();
                if (rest.length() > MAX_LINE || !ADDRESS_LINE.matcher(rest).matches() && !lowerOk) {
                    break;
                }
                int from = pos;
                while (from < eol && !Character.isLetterOrDigit(text.charAt(from))) {
                    from++;
                }
                int to = eol;
                while (to > from && !Character.isLetterOrDigit(text.charAt(to - 1)) && text.charAt(to - 1) != '.') {
                    to--;
                }
                if (from < to) {
                    added.add(new PhiSpan(from, to, PhiType.ADDRESS, PatternFinder.WEAK, "address:block-line"));
                }
                pos = eol + 1;
            }
        }
        spans.addAll(added);
    }
}
