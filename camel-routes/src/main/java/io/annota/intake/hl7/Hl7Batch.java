package io.annota.intake.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The messages of a file: one or many, bare or in an HL7 batch (FHS, BHS, messages, BTS, FTS). Each message
 * begins at an MSH segment and runs to the next MSH or envelope segment. Envelope segments carry no patient data
 * and are dropped; their counts (BTS-1 messages per batch) are checked, and a mismatch or segments outside any
 * message become problems for the file's report (the messages found are still processed).
 *
 * @param messages the messages, segments joined by CR
 * @param problems what is wrong with the file's structure, in fixed texts without patient data
 */
public record Hl7Batch(List<String> messages, List<String> problems) {

    public Hl7Batch {
        messages = List.copyOf(messages);
        problems = List.copyOf(problems);
    }

    /** Splits the text of a file (any line ends, optional BOM). */
    public static Hl7Batch split(String fileText) {
        List<String> messages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        StringBuilder current = null;
        int inBatch = 0;
        int stray = 0;
        for (String segment : Hl7v2Parser.normalise(fileText).split("\r")) {
            if (segment.isEmpty()) {
                continue;
            }
            String id = segment.length() >= 3 ? segment.substring(0, 3) : segment;
            switch (id) {
                case "FHS", "FTS", "BHS" -> {
                    current = finish(current, messages);
                    inBatch = id.equals("BHS") ? 0 : inBatch;
                }
                case "BTS" -> {
                    current = finish(current, messages);
                    checkCount(segment, inBatch, problems);
                    inBatch = 0;
                }
                case "MSH" -> {
                    finish(current, messages);
                    current = new StringBuilder(segment);
                    inBatch++;
                }
                default -> {
                    if (current == null) {
                        stray++;
                    } else {
                        current.append('\r').append(segment);
                    }
                }
            }
        }
        finish(current, messages);
        if (stray > 0) {
            problems.add(stray + " segment(s) outside any message (before the first MSH) were ignored");
        }
        if (messages.isEmpty()) {
            problems.add("no HL7 v2 message (MSH segment) found");
        }
        return new Hl7Batch(messages, problems);
    }

    private static StringBuilder finish(StringBuilder current, List<String> messages) {
        if (current != null) {
            messages.add(current.toString());
        }
        return null;
    }

    /** BTS-1 (batch message count), when given, must equal the messages since the BHS. */
    private static void checkCount(String bts, int found, List<String> problems) {
        if (bts.length() < 4) {
            return;
        }
        char separator = bts.charAt(3);
        String[] fields = bts.split(Pattern.quote(String.valueOf(separator)), -1);
        if (fields.length < 2 || fields[1].isBlank()) {
            return;
        }
        try {
            int declared = Integer.parseInt(fields[1].trim());
            if (declared != found) {
                problems.add("BTS-1 declares " + declared + " message(s), the batch holds " + found);
            }
        } catch (NumberFormatException e) {
            problems.add("BTS-1 (batch message count) is not a number");
        }
    }
}
