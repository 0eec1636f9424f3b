package io.annota.bench;

import io.annota.synthetic.GeneratedHl7;
import io.annota.synthetic.SyntheticFeed;
import java.util.ArrayList;
import java.util.List;

/**
 * The kinds of generated HL7 v2 message a benchmark or replay can be restricted to. ADT comes from the generator's
 * ADT feed (A01/A04/A08); ORU^R01 and MDM^T02 are picked out of its mixed feed, which is the only place it writes
 * them, so they keep the senders, versions and quirks of that feed.
 */
public enum GeneratedHl7Kind {
    ADT(null),
    ORU("ORU^"),
    MDM("MDM^");

    /** Mixed-feed messages drawn per step while picking; about a quarter are ORU, a third MDM. */
    private static final int DRAW = 256;

    private final String typePrefix;

    GeneratedHl7Kind(String typePrefix) {
        this.typePrefix = typePrefix;
    }

    /** The kind named {@code name}, case-insensitively ({@code adt}, {@code oru}, {@code mdm}). */
    public static GeneratedHl7Kind named(String name) {
        for (GeneratedHl7Kind kind : values()) {
            if (kind.name().equalsIgnoreCase(name.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown message kind " + name + " (adt, oru or mdm)");
    }

    /** The first {@code count} messages of this kind that {@code new SyntheticFeed(seed)} generates. */
    public List<GeneratedHl7> generate(long seed, int count) {
        SyntheticFeed feed = new SyntheticFeed(seed);
        if (typePrefix == null) {
            return feed.adtFeed(count);
        }
        List<GeneratedHl7> out = new ArrayList<>(count);
        while (out.size() < count) {
            for (GeneratedHl7 message : feed.hl7Feed(DRAW)) {
                if (message.messageType().startsWith(typePrefix) && out.size() < count) {
                    out.add(message);
                }
            }
        }
        return out;
    }
}
